namespace AgentMesh.Actors.TestKit;

/// <summary>Retries an assertion until it holds, for state that settles asynchronously (e.g. counters read from outside an actor).</summary>
public static class AwaitAssert
{
    /// <summary>
    /// Runs <paramref name="assertion"/> until it stops throwing or <paramref name="timeout"/> (real
    /// time) has passed, in which case its last exception is rethrown. Prefer a probe message when the
    /// code under test can send one; this is for observing state that has no message.
    /// </summary>
    public static Task HoldsAsync(Action assertion, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return HoldsAsync(
            () =>
            {
                assertion();
                return Task.CompletedTask;
            },
            timeout,
            interval);
    }

    /// <summary>Like <see cref="HoldsAsync(Action, TimeSpan?, TimeSpan?)"/> for an assertion that has to await (an HTTP call, an ask).</summary>
    public static async Task HoldsAsync(Func<Task> assertion, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = DateTime.UtcNow + (timeout ?? TestProbe.DefaultTimeout);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(pause).ConfigureAwait(false);
            }
        }
    }
}
