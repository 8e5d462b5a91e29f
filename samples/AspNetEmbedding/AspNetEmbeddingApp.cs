using System.Security.Cryptography;
using WebGen.Hosting;
using WebGen.Samples;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>Builds the sample app: the WebGen agent hosted by WebGen.Hosting.AspNetCore behind the app's own authentication, and a page.</summary>
public static partial class AspNetEmbeddingApp
{
    /// <summary>
    /// Builds the app from the command line and configuration (the same <c>WebGen:*</c> keys and <c>WEBGEN_*</c> variables as
    /// the CLI; no code endpoint means the offline demo). <paramref name="configure"/> runs last and may replace any part,
    /// for example <c>agent => agent.UseOfflineDemo()</c>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebGenAgentBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The short WEBGEN_* variables come after the environment, and the command line still wins over both.
        builder.Configuration.AddWebGenShortEnvironmentVariables().AddCommandLine(args);

        var agent = builder.Services.AddWebGenAgent(builder.Configuration.GetSection("WebGen"));
        var mode = SampleModels.IsOffline(builder.Configuration) ? SampleModels.OfflineNotice : "models: " + builder.Configuration["WebGen:Models:Code:Model"];
        if (SampleModels.IsOffline(builder.Configuration))
        {
            agent.UseOfflineDemo();
        }

        configure?.Invoke(agent);
        builder.Services.AddWebGenHosting();
        builder.Services.AddHealthChecks().AddWebGenChecks();
        builder.Services.AddSampleAuthentication();

        var configured = builder.Configuration[$"{AccessKeyOptions.SectionName}:{nameof(AccessKeyOptions.AccessKey)}"];
        var accessKey = string.IsNullOrWhiteSpace(configured) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : configured;

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => Results.Content(SamplePage.Html, "text/html; charset=utf-8"));
        app.MapSession(accessKey);
        app.MapWebGen("/runs").RequireAuthorization();
        app.MapHealthChecks("/health");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogMode(app.Logger, mode);
            if (string.IsNullOrWhiteSpace(configured))
            {
                LogGeneratedKey(app.Logger, accessKey);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Mode}")]
    private static partial void LogMode(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Sample:AccessKey is configured; this run's access key is {AccessKey}")]
    private static partial void LogGeneratedKey(ILogger logger, string accessKey);
}
