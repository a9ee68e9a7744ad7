using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using AgentMesh.Client;
using AgentMesh.Client.Frames;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Link;

/// <summary>
/// Messages accepted per second over the agent link on loopback: <see cref="Senders"/> agents
/// connected to a real node (Kestrel, SQLite store in a temporary directory) with
/// <see cref="AgentLinkClient"/>, each keeping <see cref="Window"/> <c>send</c> frames outstanding to
/// one connected recipient agent and counting the <c>sent</c> answers. Every body is new, so none is
/// dropped as a duplicate. The baseline, in the same process and run: the same number of raw
/// <see cref="ClientWebSocket"/>s with the same window against a Kestrel WebSocket endpoint that
/// answers each frame with a small JSON frame — the cost of the transport alone.
/// </summary>
/// <remarks>
/// More warm-ups than the short job's three: the first rounds run code that tiered compilation has
/// not optimized yet (the stopwatch run's first round is the slowest). Each invocation adds its
/// messages to the recipient's backlog, so more iterations also mean a larger inbox.
/// </remarks>
[WarmupCount(15)]
[IterationCount(15)]
public class LinkThroughputBenchmarks
{
    /// <summary>Messages per invocation, shared among the senders (a multiple of 16 × <see cref="Window"/>).</summary>
    public const int Messages = 4_096;

    public const int Window = 128;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private LinkBenchmarkNode? _node;
    private EchoServer? _echo;
    private AgentLinkClient[] _senders = [];
    private AgentLinkClient[] _recipients = [];
    private Task[] _drains = [];
    private ClientWebSocket[] _raw = [];
    private int _round;

    [Params(4, 16)]
    public int Senders { get; set; }

    /// <summary>
    /// False (the benchmark): every sender sends to one recipient, <c>sink</c>. True (the console run's
    /// <c>spread</c>): sender i sends to its own recipient <c>sink-i</c>, to tell a limit of one agent
    /// from a limit of the link.
    /// </summary>
    public bool OneRecipientPerSender { get; set; }

    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => CleanUpAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void NextRound() => _round++;

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public void RawWebSocketEcho() =>
        Task.WhenAll(_raw.Select((socket, i) => EchoAsync(socket, i))).WaitAsync(Timeout).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void AgentLinkSend() =>
        Task.WhenAll(_senders.Select((sender, i) => SendAllAsync(sender, i))).WaitAsync(Timeout).GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        string[] recipients = OneRecipientPerSender ? [.. Enumerable.Range(0, Senders).Select(Recipient)] : ["sink"];
        _node = await LinkBenchmarkNode.StartAsync(recipients);
        _echo = await EchoServer.StartAsync();
        var link = new UriBuilder(_node.Address) { Scheme = "ws", Path = "/agents/link" }.Uri;
        _recipients = [.. recipients.Select(id => new AgentLinkClient(new AgentLinkClientOptions { NodeUri = link, AgentId = id }))];
        await Task.WhenAll(_recipients.Select(recipient => recipient.ConnectAsync())).WaitAsync(Timeout);
        _drains = [.. _recipients.Select(DrainAsync)];
        _senders = [.. Enumerable.Range(0, Senders).Select(i => new AgentLinkClient(new AgentLinkClientOptions { NodeUri = link, AgentId = $"sender-{i}" }))];
        await Task.WhenAll(_senders.Select(sender => sender.ConnectAsync())).WaitAsync(Timeout);
        _raw = [.. Enumerable.Range(0, Senders).Select(_ => new ClientWebSocket())];
        await Task.WhenAll(_raw.Select(socket => socket.ConnectAsync(_echo.Uri, CancellationToken.None))).WaitAsync(Timeout);
    }

    private async Task CleanUpAsync()
    {
        foreach (var socket in _raw)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Timeout);
            socket.Dispose();
        }

        foreach (var sender in _senders)
        {
            await sender.DisposeAsync();
        }

        foreach (var recipient in _recipients)
        {
            await recipient.DisposeAsync();
        }

        await Task.WhenAll(_drains).WaitAsync(Timeout);

        await (_echo?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_node?.DisposeAsync() ?? ValueTask.CompletedTask);
    }

    /// <summary>One sender's share: <see cref="Window"/> loops, each one send at a time, so that <see cref="Window"/> are in flight.</summary>
    private async Task SendAllAsync(AgentLinkClient sender, int index)
    {
        var perLoop = Messages / Senders / Window;
        await Task.WhenAll(Enumerable.Range(0, Window).Select(async loop =>
        {
            for (var i = 0; i < perLoop; i++)
            {
                var body = string.Create(CultureInfo.InvariantCulture, $"round {_round} sender {index} loop {loop} message {i}: build the thing");
                var result = await sender.SendAsync(Recipient(index), body).ConfigureAwait(false);
                if (result.Duplicate)
                {
                    throw new InvalidOperationException($"'{body}' was dropped as a duplicate; the benchmark must send new bodies.");
                }
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One raw socket's share: a writer that keeps at most <see cref="Window"/> frames unanswered, and a reader of the answers.</summary>
    private async Task EchoAsync(ClientWebSocket socket, int index)
    {
        var count = Messages / Senders;
        using var window = new SemaphoreSlim(Window);
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            for (var i = 0; i < count; i++)
            {
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                }
                while (!result.EndOfMessage);

                window.Release();
            }
        });
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync().ConfigureAwait(false);
            var frame = string.Create(CultureInfo.InvariantCulture,
                $$"""{"type":"send","ref":"{{i}}","to":"sink","body":"round {{_round}} sender {{index}} message {{i}}: build the thing"}""");
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
        }

        await reader.ConfigureAwait(false);
    }

    private string Recipient(int sender) => OneRecipientPerSender ? $"sink-{sender}" : "sink";

    /// <summary>Reads and drops what the node delivers to the recipient, so its frames never pile up.</summary>
    private static async Task DrainAsync(AgentLinkClient recipient)
    {
        try
        {
            await foreach (var frame in recipient.ReadFramesAsync().ConfigureAwait(false))
            {
                if (frame is WelcomeFrame welcome)
                {
                    await recipient.AckWelcomeAsync(welcome.WelcomeId).ConfigureAwait(false);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The client was disposed at clean-up.
        }
    }
}
