using Portcullis.Cli;

return await PortcullisCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
