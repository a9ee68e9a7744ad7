using System.Diagnostics;

namespace AgentMesh.Testing;

/// <summary>Runs a command-line tool to completion with a time limit, capturing what it prints.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="fileName"/>; with <paramref name="asUser"/> it runs through
    /// <c>runuser -u USER --</c> (the caller must be root).
    /// </summary>
    /// <exception cref="TimeoutException">The tool did not finish within <paramref name="timeout"/>; it was killed.</exception>
    public static async Task<Result> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? asUser,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            foreach (var prefix in (string[])["-u", asUser, "--", fileName])
            {
                startInfo.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            var text = (await output.WaitAsync(timeout, cancellationToken)) + (await errors.WaitAsync(timeout, cancellationToken));
            return new Result(process.ExitCode, text);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
    }
}
