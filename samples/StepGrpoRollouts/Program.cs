using WebGen.Samples.StepGrpoRollouts;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await RolloutsProgram.RunAsync(args, Console.Out, Console.Error, cancellationToken: cancellation.Token);
