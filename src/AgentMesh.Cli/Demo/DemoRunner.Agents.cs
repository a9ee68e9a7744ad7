using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AgentMesh.Cli.Simulation;
using AgentMesh.Client;
using AgentMesh.Client.Frames;

namespace AgentMesh.Cli.Demo;

/// <summary>The simulated agents: a stable orchestrator and a newcomer on a flaky link.</summary>
internal sealed partial class DemoRunner
{
    /// <summary>The same payload on every rediscovery, as the field's bridge re-sent WELCOME + docs.</summary>
    private static readonly JsonElement OnboardingPayload = JsonSerializer.SerializeToElement(new Dictionary<string, string>
    {
        ["welcome"] = "WELCOME to the fleet, gpu-box. Read the attached docs before taking work.",
        ["docs"] = "(the fleet handbook, runbooks and repository map: about 80,000 tokens once loaded into a session)",
    });

    /// <summary>
    /// The incident, compressed: the newcomer links, stays up <see cref="DemoSettings.UpFor"/>, drops,
    /// comes back after <see cref="DemoSettings.DownFor"/> with the same incarnation; each time the
    /// orchestrator sees it come back it re-sends the onboarding payload.
    /// </summary>
    private async Task ReplayAsync(Uri linkUri, CancellationToken cancellationToken)
    {
        await using var orchestrator = new AgentLinkClient(new AgentLinkClientOptions { NodeUri = linkUri, AgentId = Orchestrator });
        await orchestrator.ConnectAsync(cancellationToken);
        var orchestratorFrames = AcknowledgeWelcomesAsync(orchestrator, cancellationToken);

        var incarnation = Guid.NewGuid().ToString("N");
        var sessions = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var deadline = _time.GetTimestamp() + (long)(_settings.Duration.TotalSeconds * _time.TimestampFrequency);
        for (var cycle = 0; _time.GetTimestamp() < deadline; cycle++)
        {
            var newcomer = new AgentLinkClient(new AgentLinkClientOptions
            {
                NodeUri = linkUri,
                AgentId = Newcomer,
                // One process whose link keeps dropping: every connection says the same incarnation.
                Incarnation = incarnation,
                ContextTokens = BridgeArithmetic.ContextTokens,
            });
            await using (newcomer)
            {
                var hello = await newcomer.ConnectAsync(cancellationToken);
                if (cycle == 0)
                {
                    _scoreboard.Event($"{Newcomer} links up (incarnation {incarnation[..8]}…): {hello.State}");
                }
                else
                {
                    _scoreboard.Reconnected();
                    _scoreboard.Event($"{Newcomer} reconnects #{cycle.ToString(CultureInfo.InvariantCulture)}, same incarnation: {hello.State}");
                }

                var frames = ServeNewcomerAsync(newcomer, sessions, cancellationToken);
                await ResendOnboardingAsync(orchestrator, cancellationToken);
                await Task.Delay(_settings.UpFor, _time, cancellationToken);
                await newcomer.DisposeAsync();
                await frames;
            }

            await Task.Delay(_settings.DownFor, _time, cancellationToken);
        }

        await orchestrator.DisposeAsync();
        await orchestratorFrames;
    }

    private async Task ResendOnboardingAsync(AgentLinkClient orchestrator, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await orchestrator.SendAsync(Newcomer, OnboardingPayload, sessionKey: "onboarding", SendKind.Message, cancellationToken);
            _scoreboard.PayloadAnswered(sent.Duplicate);
            var id = sent.MessageId.ToString(CultureInfo.InvariantCulture);
            _scoreboard.Event(sent.Duplicate
                ? $"{Orchestrator} re-sends the onboarding payload: duplicate of message {id}, dropped"
                : $"{Orchestrator} sends the onboarding payload: message {id}");
        }
        catch (AgentLinkRejectedException e)
        {
            _scoreboard.PayloadAnswered(duplicate: true);
            _scoreboard.Event($"{Orchestrator} re-sends the onboarding payload: refused ({e.Reason})");
        }
    }

    /// <summary>The newcomer's side: acknowledge the welcome; start a session (80K context) for a new session id and answer.</summary>
    private async Task ServeNewcomerAsync(AgentLinkClient newcomer, ConcurrentDictionary<string, bool> sessions, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in newcomer.ReadFramesAsync(cancellationToken))
            {
                switch (frame)
                {
                    case WelcomeFrame welcome:
                        await newcomer.AckWelcomeAsync(welcome.WelcomeId, cancellationToken);
                        break;
                    case DeliverFrame deliver:
                        if (sessions.TryAdd(deliver.SessionId, true))
                        {
                            _scoreboard.SessionStarted();
                            await newcomer.SessionStartedAsync(deliver.SessionId, BridgeArithmetic.ContextTokens, cancellationToken);
                        }

                        await newcomer.ReportUsageAsync(deliver.SessionId, "anthropic", "claude-sonnet-4",
                            BridgeArithmetic.TurnInputTokens, 0, BridgeArithmetic.TurnOutputTokens, cancellationToken);
                        await newcomer.ReportResultAsync(deliver.SessionId, deliver.MessageId, ResultStatus.Ok, cancellationToken: cancellationToken);
                        break;
                }
            }
        }
        catch (Exception e) when (e is AgentLinkException or TimeoutException or ObjectDisposedException or OperationCanceledException)
        {
            // The flaky link dropped in the middle of an answer: exactly what the demo is about.
        }
    }

    private static async Task AcknowledgeWelcomesAsync(AgentLinkClient agent, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in agent.ReadFramesAsync(cancellationToken))
            {
                if (frame is WelcomeFrame welcome)
                {
                    await agent.AckWelcomeAsync(welcome.WelcomeId, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is AgentLinkException or TimeoutException or ObjectDisposedException or OperationCanceledException)
        {
            // The demo is over.
        }
    }
}
