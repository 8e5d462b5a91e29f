using WebGen.Cli;

return await WebGenCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
