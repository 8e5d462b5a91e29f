// A throwaway app that uses the packed WebGen packages the way a user would: host the agent, generate a
// site offline end to end, print what was chosen.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebGen;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: consumer <instruction> <run-directory>");
    return 1;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddWebGenAgent(o => o.MaxIterations = 6)
    .UseLocalSandbox()
    .UsePlaywrightBrowser()
    .UseScreenshotPreChecks()
    .UseOfflineDemo();

using var host = builder.Build();
await host.StartAsync(); // validates every option
var agent = host.Services.GetRequiredService<IWebGenAgent>();
var result = await agent.RunAsync(new WebGenRequest { Instruction = args[0], RunDirectory = args[1] });
await host.StopAsync();

Console.WriteLine($"stop: {result.StopReason}");
Console.WriteLine(result.Chosen is { } chosen
    ? $"chosen: step {chosen.Step} ({chosen.Kind}), screenshot grade {chosen.ScreenshotGrade}, error {chosen.HasError}"
    : "chosen: none");
Console.WriteLine($"selection: {result.SelectionReason}");
Console.WriteLine($"site: {result.WorkspacePath}");
return result.Chosen is null ? 3 : 0;
