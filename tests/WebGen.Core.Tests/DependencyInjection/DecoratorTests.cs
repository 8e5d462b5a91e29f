using Microsoft.Extensions.DependencyInjection;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.DependencyInjection;

public sealed class DecoratorTests
{
    [Test]
    public async Task Use_wraps_the_registered_part_and_later_wrappers_wrap_earlier_ones()
    {
        using var temp = new TempDirectory();
        var world = new ScriptedWorld();
        var order = new List<string>();
        var services = new ServiceCollection();
        var builder = services.AddWebGenAgent(o => o.RunsDirectory = temp.Combine("runs"))
            .UseCodeModel(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Code(2), ScriptedWorld.Finish))
            .UseSandbox(world.Sandbox)
            .UsePageCapturer(world.Capturer)
            .UseScreenshotJudge(world.Judge)
            .UseGuiTester(world.GuiTester);
        builder.Use<IScreenshotJudge>((inner, _) => new RecordingJudge(inner, "inner", order))
            .Use<IScreenshotJudge>((inner, _) => new RecordingJudge(inner, "outer", order))
            .Use<IStepSelector>((inner, _) => new CountingSelector(inner));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IWebGenAgent>().RunAsync("A page");

        Assert.That(world.Judge.Calls, Is.EqualTo(2), "the registered judge still judges");
        Assert.That(order, Is.EqualTo(new[] { "outer", "inner", "outer", "inner" }));
        Assert.That(result.Steps.Select(s => s.Node.ScreenshotGrade), Is.EqualTo(new[] { 4, 2, 2 }));
        var selector = (CountingSelector)provider.GetRequiredService<IStepSelector>();
        Assert.That(selector.Calls, Is.GreaterThan(0), "select-best went through the wrapper");
        Assert.That(result.Chosen!.Step, Is.EqualTo(1), "the wrapper passed the reference choice on");
    }

    [Test]
    public void Wrapping_a_part_that_is_not_registered_says_what_to_do()
    {
        var services = new ServiceCollection();
        var builder = services.AddWebGenAgent();

        var ex = Assert.Throws<InvalidOperationException>(() => builder.Use<IGuiTester>((inner, _) => inner));

        Assert.That(ex!.Message, Does.Contain("No IGuiTester is registered yet").And.Contain("register the part first"));
    }

    [Test]
    public async Task Disposing_a_delegating_part_disposes_the_part_it_wraps()
    {
        var inner = new DisposableSandbox();
        await using (var wrapper = new PassThroughSandbox(inner))
        {
            Assert.That(inner.Disposed, Is.False);
        }

        Assert.That(inner.Disposed, Is.True);
    }

    private sealed class RecordingJudge(IScreenshotJudge inner, string name, List<string> order) : DelegatingScreenshotJudge(inner)
    {
        public override Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
        {
            lock (order)
            {
                order.Add(name);
            }

            return base.JudgeAsync(request, cancellationToken);
        }
    }

    private sealed class CountingSelector(IStepSelector inner) : DelegatingStepSelector(inner)
    {
        public int Calls { get; private set; }

        public override StepSelection? SelectBest(IReadOnlyList<StepNode> nodes)
        {
            Calls++;
            return base.SelectBest(nodes);
        }
    }

    private sealed class PassThroughSandbox(ISandbox inner) : DelegatingSandbox(inner);

    private sealed class DisposableSandbox : ISandbox, IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
