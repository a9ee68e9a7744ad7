namespace AgentMesh.Cli.Tests;

/// <summary>A long-running command (<c>agent run</c>, <c>alerts --follow</c>) started in-process, stopped as Ctrl-C would.</summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Task<int> _run;

    public RunningCommand(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var context = new CliContext
        {
            Output = TextWriter.Synchronized(_output),
            Error = TextWriter.Synchronized(_error),
            EnvironmentVariables = environment ?? new Dictionary<string, string?>(),
        };
        _run = Task.Run(() => CliApp.RunAsync(args, context, _stop.Token));
    }

    public string Output => _output.ToString();

    public string Error => _error.ToString();

    public Task<int> Completion => _run;

    /// <summary>Cancels the command (Ctrl-C) and answers its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(CliRun.Patience);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
