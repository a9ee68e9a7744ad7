using System.Diagnostics;
using System.Globalization;
using AgentMesh.Persistence.CrashWriter;

namespace AgentMesh.Persistence.Tests;

/// <summary>
/// Runs the crash writer (tests/AgentMesh.Persistence.CrashWriter) as a child process, follows its
/// "acked N" lines, and kills it with SIGKILL, the way a crash or an OOM kill would end a node.
/// </summary>
public sealed class CrashWriterProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Task<string> _errors;

    private CrashWriterProcess(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The highest sequence number the writer reported as acknowledged.</summary>
    public long Acknowledged { get; private set; }

    public static CrashWriterProcess Start(CrashWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The writer is built beside the tests (a project reference), with its runtimeconfig.json.
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true, // closing it (or the test process dying) stops the writer
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(typeof(CrashEvent).Assembly.Location);
        foreach (var argument in options.ToArguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new CrashWriterProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("The crash writer did not start."));
    }

    /// <summary>Reads the writer's output until it has acknowledged at least <paramref name="sequenceNr"/>.</summary>
    public async Task<long> WaitForAcknowledgedAsync(long sequenceNr, CancellationToken cancellationToken)
    {
        while (Acknowledged < sequenceNr)
        {
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The crash writer exited early:\n{await _errors}");
            if (line.StartsWith("acked ", StringComparison.Ordinal))
            {
                Acknowledged = long.Parse(line["acked ".Length..], CultureInfo.InvariantCulture);
            }
        }

        return Acknowledged;
    }

    /// <summary>Kills the writer and its children at once (SIGKILL: no cleanup, no flush).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
