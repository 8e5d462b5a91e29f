using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.Diagnostics;

[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task One_run_is_an_invoke_agent_span_over_chat_step_and_stage_spans_with_grades_and_tokens()
    {
        using var temp = new TempDirectory();
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddWebGenInstrumentation().AddInMemoryExporter(spans).Build();
        await using var provider = Services(temp).BuildServiceProvider();

        var result = await provider.GetRequiredService<IWebGenAgent>().RunAsync(new WebGenRequest { Instruction = "A page", RunId = "traced" });
        tracing!.ForceFlush();

        var run = spans.Single(s => s.OperationName == "invoke_agent webgen" && (string?)s.GetTagItem("webgen.run_id") == "traced");
        Assert.That(run.GetTagItem("gen_ai.operation.name"), Is.EqualTo("invoke_agent"));
        Assert.That(run.GetTagItem("webgen.stop_reason"), Is.EqualTo(nameof(WebGenStopReason.Finished)));
        Assert.That(run.GetTagItem("webgen.steps"), Is.EqualTo(3));
        Assert.That(run.GetTagItem("webgen.grade.screenshot"), Is.EqualTo(4));
        Assert.That(run.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(3 * 100L));

        var inRun = spans.Where(s => s.TraceId == run.TraceId).ToList();
        var chats = inRun.Where(s => s.OperationName.StartsWith("chat", StringComparison.Ordinal)).ToList();
        Assert.That(chats, Has.Count.EqualTo(3), "one chat span per code-model call, from the OpenTelemetry client AddWebGenAgent applied");
        Assert.That(chats.Select(c => c.ParentSpanId), Is.All.EqualTo(run.SpanId));
        Assert.That(chats[0].GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(20));
        Assert.That(chats[0].Source.Name, Is.EqualTo(WebGenTelemetry.ModelsSourceName));

        var steps = inRun.Where(s => s.OperationName == "webgen.step").OrderBy(s => (int)s.GetTagItem("webgen.step")!).ToList();
        Assert.That(steps.Select(s => s.ParentSpanId), Is.All.EqualTo(run.SpanId));
        Assert.That(steps.Select(s => s.GetTagItem("webgen.step.kind")), Is.EqualTo(new[] { "Code", "Validate", "Finish" }));
        Assert.That(steps[0].GetTagItem("webgen.grade.screenshot"), Is.EqualTo(4));
        Assert.That(steps[1].GetTagItem("webgen.grade.gui"), Is.EqualTo(5));

        var tools = inRun.Where(s => (string?)s.GetTagItem("gen_ai.operation.name") == "execute_tool").ToList();
        Assert.That(
            tools.Where(t => t.ParentSpanId == steps[0].SpanId).Select(t => t.GetTagItem("gen_ai.tool.name")),
            Is.EqualTo(new[] { "write_files", "sandbox", "capture", "pre_checks", "judge" }),
            "the code step's stages are siblings under the step, in order");
        Assert.That(tools.Where(t => t.ParentSpanId == steps[1].SpanId).Select(t => t.GetTagItem("gen_ai.tool.name")), Is.EqualTo(new[] { "sandbox", "gui_test" }));
        Assert.That(tools.Single(t => t.ParentSpanId == steps[0].SpanId && (string?)t.GetTagItem("gen_ai.tool.name") == "judge").GetTagItem("webgen.grade.screenshot"), Is.EqualTo(4));
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
    }

    [Test]
    public async Task A_failed_stage_sets_the_error_status_on_its_span()
    {
        using var temp = new TempDirectory();
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddWebGenInstrumentation().AddInMemoryExporter(spans).Build();
        await using var provider = Services(temp, ScriptedWorld.Code("install-fail"), ScriptedWorld.Finish).BuildServiceProvider();

        await provider.GetRequiredService<IWebGenAgent>().RunAsync(new WebGenRequest { Instruction = "A page", RunId = "failing" });
        tracing!.ForceFlush();

        var sandbox = spans.Single(s => (string?)s.GetTagItem("webgen.run_id") == "failing" && (string?)s.GetTagItem("gen_ai.tool.name") == "sandbox");
        Assert.That(sandbox.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(sandbox.StatusDescription, Does.Contain("installation failed"));
    }

    [Test]
    public async Task Metrics_come_through_the_hosts_meter_factory()
    {
        using var temp = new TempDirectory();
        await using var provider = Services(temp).AddMetrics().BuildServiceProvider();
        var meters = provider.GetRequiredService<IMeterFactory>();
        using var steps = new MetricCollector<long>(meters, WebGenTelemetry.SourceName, "webgen.agent.steps");
        using var grades = new MetricCollector<int>(meters, WebGenTelemetry.SourceName, "webgen.agent.grade");
        using var stages = new MetricCollector<double>(meters, WebGenTelemetry.SourceName, "webgen.agent.stage.duration");
        using var running = new MetricCollector<long>(meters, WebGenTelemetry.SourceName, "webgen.agent.episodes.running");
        using var episodes = new MetricCollector<long>(meters, WebGenTelemetry.SourceName, "webgen.agent.episodes");

        await provider.GetRequiredService<IWebGenAgent>().RunAsync("A page");

        Assert.That(steps.GetMeasurementSnapshot().Select(m => m.Tags["webgen.step.kind"]), Is.EqualTo(new[] { "Code", "Validate", "Finish" }));
        Assert.That(grades.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["webgen.grade.kind"])), Is.EqualTo(new[] { (4, (object?)"screenshot"), (5, "gui") }));
        Assert.That(stages.GetMeasurementSnapshot().Select(m => m.Tags["webgen.stage"]).Distinct(), Is.SupersetOf(new[] { "write_files", "sandbox", "capture", "pre_checks", "judge", "gui_test" }));
        Assert.That(running.GetMeasurementSnapshot().Sum(m => m.Value), Is.Zero, "the episode was counted in and out");
        Assert.That(running.GetMeasurementSnapshot(), Has.Count.EqualTo(2));
        Assert.That(episodes.GetMeasurementSnapshot().Single().Tags["webgen.stop_reason"], Is.EqualTo(nameof(WebGenStopReason.Finished)));
    }

    [Test]
    public async Task Every_log_line_of_a_step_carries_the_run_id_and_step_in_its_scope()
    {
        using var temp = new TempDirectory();
        var services = Services(temp, ScriptedWorld.Code("install-fail"), ScriptedWorld.Finish);
        services.AddFakeLogging();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IWebGenAgent>().RunAsync(new WebGenRequest { Instruction = "A page", RunId = "scoped" });

        var records = provider.GetFakeLogCollector().GetSnapshot();
        var stepLines = records.Where(r => r.Category == typeof(WebGenEpisode).FullName && r.Message.StartsWith("Step", StringComparison.Ordinal)).ToList();
        Assert.That(stepLines, Is.Not.Empty, string.Join("\n", records.Select(r => r.Category + ": " + r.Message)));
        foreach (var line in stepLines)
        {
            var scope = line.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s).ToDictionary(p => p.Key, p => p.Value);
            Assert.That(scope["webgen.run_id"], Is.EqualTo("scoped"), line.Message);
            Assert.That(scope["webgen.step"], Is.InstanceOf<int>());
        }
    }

    [Test]
    public void Model_telemetry_can_be_turned_off()
    {
        var services = new ServiceCollection();
        services.AddWebGenAgent().UseCodeModel(new FakeChatClient(_ => "")).DisableModelTelemetry();
        using var provider = services.BuildServiceProvider();

        var client = WebGenServiceCollectionExtensions.ResolveModel(provider, WebGenModelKeys.Code)!;

        Assert.That(client.GetService<OpenTelemetryChatClient>(), Is.Null);
        Assert.That(client, Is.InstanceOf<FakeChatClient>());
    }

    [TestCase(typeof(WebGenAgent))]
    [TestCase(typeof(WebGen.Playwright.PlaywrightPageCapturer))]
    [TestCase(typeof(WebGen.Sandbox.LocalNodeSandbox))]
    public void Log_event_ids_are_unique_in_each_package(Type inPackage)
    {
        var ids = inPackage.Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, Name: x.Method.DeclaringType!.Name + "." + x.Method.Name))
            .ToList();

        Assert.That(ids, Is.Not.Empty);
        var duplicates = ids.GroupBy(x => x.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}").ToList();
        Assert.That(duplicates, Is.Empty);
    }

    private static ServiceCollection Services(TempDirectory temp, params string[] answers)
    {
        var world = new ScriptedWorld();
        var script = new Queue<string>(answers.Length > 0 ? answers : [ScriptedWorld.Code(4, gui: 5), ScriptedWorld.Validate, ScriptedWorld.Finish]);
        var model = new FakeChatClient((_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, script.Dequeue()))
        {
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20, TotalTokenCount = 120 },
            ModelId = "scripted",
        }));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWebGenAgent(o => o.RunsDirectory = temp.Combine("runs"))
            .UseCodeModel(model)
            .UseSandbox(world.Sandbox)
            .UsePageCapturer(world.Capturer)
            .UseScreenshotJudge(world.Judge)
            .UseGuiTester(world.GuiTester);
        return services;
    }
}
