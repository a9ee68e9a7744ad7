using System.Runtime.InteropServices;
using AgentMesh.Cli;

// Ctrl-C and SIGTERM cancel the command, which then stops what it runs cleanly; a second Ctrl-C kills.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

return await CliApp.RunAsync(args, CliContext.ForConsole(), stop.Token);
