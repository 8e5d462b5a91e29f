using WebGen.Bench;
using WebGen.Playwright;

namespace WebGen.Cli;

/// <summary>Runs a WebGen-Bench UI test case with the WebVoyager GUI agent and the benchmark's prompt (no summary model call).</summary>
internal sealed class WebVoyagerCaseAgent(WebVoyagerAgent agent, WebGenProfile profile) : IBenchCaseAgent
{
    public BenchCaseJudgement Judgement => BenchCaseJudgement.Agent;

    public async Task<BenchCaseRun> RunCaseAsync(BenchCaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = await agent.RunAsync(request.SiteUrl, request.Prompt, new WebVoyagerOptions { MaxActions = request.MaxInteractions, Profile = profile }, cancellationToken).ConfigureAwait(false);
        return new BenchCaseRun { FinalAnswer = run.FinalAnswer ?? run.LastModelOutput, LastMessage = run.LastModelOutput, Trajectory = run.Trajectory, Usage = run.Usage, Failure = run.Failure };
    }
}
