using System.Globalization;
using AgentMesh.Client;
using AgentMesh.Client.Frames;

namespace AgentMesh.Cli.Agent;

/// <summary>The worker: sessions as conversations, one model call at a time.</summary>
internal sealed partial class AgentHost
{
    /// <summary>The longest piece of a reply shown in the log.</summary>
    private const int ReplyPreview = 100;

    /// <summary>Owned by the worker.</summary>
    private readonly Dictionary<string, Conversation> _conversations = [];

    private async Task WorkAsync(AgentLinkClient client, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _work.Reader.ReadAllAsync(cancellationToken))
            {
                switch (item)
                {
                    case StopSessionFrame stop:
                        if (_conversations.Remove(stop.SessionId, out var dropped))
                        {
                            _log.Line($"session {stop.SessionId} dropped after {dropped.Turns.ToString(CultureInfo.InvariantCulture)} turns");
                        }

                        break;
                    case DeliverFrame deliver:
                        await RunAsync(client, deliver, cancellationToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping; a call in flight gets no result, as after a crash.
        }
    }

    private async Task RunAsync(AgentLinkClient client, DeliverFrame deliver, CancellationToken cancellationToken)
    {
        var session = deliver.SessionId;
        var message = deliver.MessageId.ToString(CultureInfo.InvariantCulture);
        using var call = await StartCallAsync(session, cancellationToken);
        if (call is null)
        {
            _log.Line($"message {message} skipped: session {session} was stopped");
            return;
        }

        if (!_conversations.TryGetValue(session, out var conversation))
        {
            conversation = new Conversation(session, Preamble(), _options.ContextTokens);
            _conversations[session] = conversation;
            _log.Line($"session {session} started ({_options.ContextTokens.ToString(CultureInfo.InvariantCulture)} context tokens)");
            await TryPostAsync("session-started", () => client.SessionStartedAsync(session, _options.ContextTokens, cancellationToken));
        }

        _log.Line($"message {message} from {deliver.From} in session {session}: calling {_options.Model}");
        conversation.Ask(BodyText(deliver.Body));
        try
        {
            var completion = await _chat.CompleteAsync(_options.Model, conversation.Messages, call.Token);
            var input = conversation.Answer(completion.Content, completion.UncachedInputTokens);
            _log.Line($"message {message} answered: {Preview(completion.Content)} " +
                $"[{input.ToString(CultureInfo.InvariantCulture)} in, {completion.CachedTokens.ToString(CultureInfo.InvariantCulture)} cached, " +
                $"{completion.CompletionTokens.ToString(CultureInfo.InvariantCulture)} out]");
            await TryPostAsync("usage", () => client.ReportUsageAsync(
                session, _options.Provider, _options.Model, input, completion.CachedTokens, completion.CompletionTokens, cancellationToken));
            await TryPostAsync("result", () => client.ReportResultAsync(session, deliver.MessageId, ResultStatus.Ok, cancellationToken: cancellationToken));
        }
        catch (ChatCompletionException e)
        {
            conversation.Withdraw();
            _log.Line($"message {message} failed ({(e.Retryable ? "retryable" : "not retryable")}): {e.Message}");
            await TryPostAsync("result", () => client.ReportResultAsync(
                session, deliver.MessageId, ResultStatus.Failed, e.Retryable, e.Message, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a surprise in this host, not the model's answer: the message fails, the host goes on.
            conversation.Withdraw();
            _log.Line($"message {message} failed unexpectedly: {e.GetType().Name}: {e.Message}");
            await TryPostAsync("result", () => client.ReportResultAsync(
                session, deliver.MessageId, ResultStatus.Failed, retryable: false, $"the agent host failed: {e.Message}", cancellationToken));
        }
        catch (OperationCanceledException) when (call.Reason == InterruptReason.Suspended && !cancellationToken.IsCancellationRequested)
        {
            conversation.Withdraw();
            _log.Line($"message {message} interrupted by the suspension; reported retryable");
            await TryPostAsync("result", () => client.ReportResultAsync(
                session, deliver.MessageId, ResultStatus.Failed, retryable: true, "interrupted: the agent was suspended", cancellationToken));
        }
        catch (OperationCanceledException) when (call.Reason == InterruptReason.SessionStopped && !cancellationToken.IsCancellationRequested)
        {
            // The node ended the session; the stop-session queued behind this delivery drops the conversation.
            _log.Line($"message {message} abandoned: session {session} was stopped");
        }
        finally
        {
            lock (_lock)
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>
    /// Waits while the agent is suspended, then registers the call, atomically with the checks, so that
    /// a <c>stop-session</c> or <c>suspended</c> either finds it in flight or is seen by it.
    /// </summary>
    /// <returns><see langword="null"/> when the node has stopped the session.</returns>
    private async Task<InFlightCall?> StartCallAsync(string session, CancellationToken cancellationToken)
    {
        var announced = false;
        while (true)
        {
            Task resumed;
            lock (_lock)
            {
                if (_stoppedSessions.Contains(session))
                {
                    return null;
                }

                if (!_suspended)
                {
                    _inFlight = new InFlightCall(session, cancellationToken);
                    return _inFlight;
                }

                resumed = _resumed.Task;
            }

            if (!announced)
            {
                _log.Line($"session {session}: waiting for the suspension to be lifted");
                announced = true;
            }

            await resumed.WaitAsync(cancellationToken);
        }
    }

    private IEnumerable<ChatMessage> Preamble()
    {
        if (_options.SystemPrompt is { Length: > 0 } prompt)
        {
            yield return new ChatMessage("system", prompt);
        }

        if (_onboarding is { Length: > 0 } onboarding)
        {
            yield return new ChatMessage("system", "Onboarding material from the AgentMesh node:\n" + onboarding);
        }
    }

    private static string Preview(string reply)
    {
        var line = reply.ReplaceLineEndings(" ").Trim();
        return line.Length <= ReplyPreview ? $"\"{line}\"" : $"\"{line[..ReplyPreview]}…\"";
    }
}
