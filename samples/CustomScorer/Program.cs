using WebGen.Samples.CustomScorer;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CustomScorerProgram.RunAsync(args, Console.Out, Console.Error, cancellationToken: cancellation.Token);
