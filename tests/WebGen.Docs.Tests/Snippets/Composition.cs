using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebGen.Playwright;
using WebGen.Training;
using static WebGen.Docs.Tests.Models;

namespace WebGen.Docs.Tests;

/// <summary>The composition snippets of docs/plugging-parts.md, one method per part.</summary>
public static class Composition
{
    public static WebGenAgentBuilder CodeModel(IServiceCollection services)
    {
        // begin-snippet: code-model
        var endpoint = new Uri("http://127.0.0.1:8000/v1");
        var agent = services.AddWebGenAgent()
            .UseCodeModel(OpenAICompatible(endpoint, "Qwen2.5-Coder-32B-Instruct"));
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder KeyedCodeModel(IServiceCollection services)
    {
        var endpoint = new Uri("http://127.0.0.1:8000/v1");
        // begin-snippet: code-model-keyed
        services.AddKeyedChatClient(WebGenModelKeys.Code, OpenAICompatible(endpoint, "Qwen2.5-Coder-32B-Instruct"))
            .UseLogging(); // any Microsoft.Extensions.AI pipeline: logging, OpenTelemetry, caching
        var agent = services.AddWebGenAgent();
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder ThreeModels(IServiceCollection services)
    {
        var endpoint = new Uri("http://127.0.0.1:8000/v1");
        // begin-snippet: models
        var agent = services.AddWebGenAgent()
            .UseCodeModel(OpenAICompatible(endpoint, "Qwen2.5-Coder-32B-Instruct"))  // writes the site
            .UseVisionModel(OpenAICompatible(endpoint, "Qwen2.5-VL-32B-Instruct"))   // screenshot judge, GUI agent
            .UseFeedbackModel(OpenAICompatible(endpoint, "Qwen2.5-7B-Instruct"));    // GUI-test plan and summaries
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder LocalSandbox(WebGenAgentBuilder agent)
    {
        // begin-snippet: local-sandbox
        agent.UseLocalSandbox(o =>
        {
            o.PortRangeStart = 43000; // dev servers listen on 127.0.0.1 in this range
            o.PortRangeEnd = 43099;
            o.InstallTimeout = TimeSpan.FromMinutes(10);
            o.EnvironmentVariables["NODE_OPTIONS"] = "--max-old-space-size=2048";
        });
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder CustomSandbox(WebGenAgentBuilder agent)
    {
        // begin-snippet: custom-sandbox-registration
        agent.UseSandbox(new ExistingServerSandbox(new Uri("http://127.0.0.1:5173/"), new HttpClient()));
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder Browser(WebGenAgentBuilder agent)
    {
        // begin-snippet: browser
        agent.UsePlaywrightBrowser(o =>
        {
            o.ExecutablePath = "/usr/bin/chromium"; // default: PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, Playwright's cache
            o.AdditionalArgs.Add("--disable-gpu");
        });
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder Scorers(WebGenAgentBuilder agent)
    {
        // begin-snippet: scorer-registration
        agent.UseScreenshotPreChecks()              // blank page, runtime errors, overflow, contrast, accessibility
            .UseScreenshotScorer<PageTitleScorer>(); // added beside them; scorers run before the judge
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder Judge(WebGenAgentBuilder agent)
    {
        // begin-snippet: judge
        agent.UseChatScreenshotJudge(o => o.MaxOutputTokens = 2048); // the VLM judge, on the vision model
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder GuiTester(WebGenAgentBuilder agent)
    {
        // begin-snippet: gui-tester
        agent.UsePlaywrightBrowser() // WebVoyagerGuiTester when a model is registered, SmokeGuiTester otherwise
            .UseGuiTester(sp => new RetryingGuiTester(sp.GetRequiredService<WebVoyagerGuiTester>()));
        // end-snippet
        return agent;
    }

    public static WebGenAgentBuilder Stages(WebGenAgentBuilder agent)
    {
        // begin-snippet: stage-registration
        agent.UseStepStage<ProjectTestsStage>(); // runs after the site was run, judged and GUI-tested, before the feedback
        // end-snippet
        return agent;
    }

    public static IStepRewardAdapter StageRewards()
    {
        // begin-snippet: stage-reward
        var rewards = new CompositeStepRewardAdapter(
            StepGrpoRewardAdapter.Reference,
            StepRewardTerms.FromCheck(ProjectTestsStage.Name, weight: 2)); // up to two points for passing tests
        // end-snippet
        return rewards;
    }

    public static WebGenAgentBuilder StepSelector(WebGenAgentBuilder agent)
    {
        // begin-snippet: step-selector
        agent.UseScreenshotScorer<PageTitleScorer>()
            .UseStepSelector(new ScoreWeightedStepSelector(PageTitleScorer.Name, weight: 1.0));
        // end-snippet
        return agent;
    }

    public static IStepRewardAdapter Rewards(WebGenAgentBuilder agent)
    {
        // begin-snippet: reward-adapter
        var rewards = new CompositeStepRewardAdapter(
            StepGrpoRewardAdapter.Reference,                                // screenshot + GUI grade, −1 when malformed
            StepRewardTerms.FromScore(PageTitleScorer.Name, weight: 0.5)); // plus half a point for a real title

        agent.UseRewardAdapter(rewards); // what WebGen.Training.Server answers each turn with
        // end-snippet
        return rewards;
    }

    public static async Task<RolloutGroup> RolloutsAsync(IServiceProvider provider, IStepRewardAdapter rewards)
    {
        // begin-snippet: rollouts
        var runner = new RolloutGroupRunner(provider.GetRequiredService<IWebGenAgent>(), rewards, new RolloutOptions { GroupSize = 4, MaxSteps = 5 });
        var group = await runner.RunAsync(new RolloutRequest { PromptId = "bakery", Instruction = "A bakery landing page" });
        // end-snippet
        return group;
    }

    public static IWebGenAgent WithoutDependencyInjection(IChatClient code, ISandbox sandbox, IPageCapturer capturer, IScreenshotJudge judge, IGuiTester tester)
    {
        // begin-snippet: without-di
        var agent = new WebGenAgent(code, new WebGenComponents
        {
            Sandbox = sandbox,
            PageCapturer = capturer,
            ScreenshotJudge = judge,
            GuiTester = tester,
            ScreenshotScorers = [.. ScreenshotPreChecks.CreateDefault(), new PageTitleScorer()],
            StepSelector = new ScoreWeightedStepSelector(PageTitleScorer.Name, weight: 1.0),
        }, new WebGenAgentOptions { MaxIterations = 10 });
        // end-snippet
        return agent;
    }

    public static IHost Configured(string[] args)
    {
        // begin-snippet: configuration
        var builder = Host.CreateApplicationBuilder(args); // appsettings.json, environment variables, command line
        var config = builder.Configuration;
        builder.Services.AddWebGenAgent(o => config.GetSection(WebGenAgentOptions.SectionName).Bind(o))
            .UseCodeModel(sp => OpenAICompatible(
                new Uri(config["WebGen:Models:Code:Endpoint"] ?? "http://127.0.0.1:8000/v1"),
                config["WebGen:Models:Code:Model"] ?? "Qwen2.5-Coder-32B-Instruct",
                config["WebGen:Models:Code:ApiKey"]))
            .UseLocalSandbox(o => config.GetSection("WebGen:Sandbox").Bind(o))
            .UsePlaywrightBrowser(o => config.GetSection("WebGen:Browser").Bind(o))
            .UseScreenshotPreChecks()
            .UseChatScreenshotJudge();
        var host = builder.Build(); // host.StartAsync() validates every option and fails naming the bad one
        // end-snippet
        return host;
    }
}
