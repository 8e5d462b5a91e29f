using System.Text.Json.Serialization;
using WebGen.Samples;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>Builds the sample app: the WebGen agent hosted through <c>AddWebGenAgent</c> behind a small HTTP API and page.</summary>
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

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOptions<GenerationOptions>()
            .Bind(builder.Configuration.GetSection(GenerationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<GenerationRegistry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GenerationRegistry>());

        var agent = builder.Services.AddWebGenAgent();
        var mode = agent.UseConfiguredParts(builder.Configuration);
        configure?.Invoke(agent);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGenerations();
        app.Lifetime.ApplicationStarted.Register(() => LogMode(app.Logger, mode));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Mode}")]
    private static partial void LogMode(ILogger logger, string mode);
}
