using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentMesh.Actors;

namespace AgentMesh.Orchestration.Alerts;

/// <summary>
/// POSTs every <see cref="AlertLogged"/> as JSON (the alert's fields, camelCase) to the configured
/// URL, one at a time and in id order. A failed attempt (no connection, a timeout, a 5xx, 408 or
/// 429) is retried after an exponential back-off on the actor system's clock until it succeeds; a
/// 4xx other than those is final and the alert is dropped. Alerts arrive through the event stream,
/// so a slow or dead endpoint never holds up accounting or the alert log: they wait in this actor's
/// bounded queue, which drops its oldest alert, counted and logged, when full.
/// </summary>
public sealed class AlertWebhookActor : Actor
{
    public const string Name = "alert-webhook";
    private const string RetryTimer = "retry";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly AlertWebhookOptions _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly string _origin;
    private readonly Queue<AlertLogged> _queue = new();
    private AlertLogged? _current;
    private int _attempt;
    private long _dropped;

    private AlertWebhookActor(AlertWebhookOptions options, HttpClient? client)
    {
        _options = options;
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _origin = options.Url.GetLeftPart(UriPartial.Authority);

        // Whoever spawns the webhook should also subscribe it at once (BudgetAccounting.Start does):
        // this constructor runs later. The subscription outlives restarts; the stream drops it on stop.
        Context.System.EventStream.Subscribe<AlertLogged>(Self);
    }

    /// <param name="options">The URL and delivery settings.</param>
    /// <param name="client">The client to POST with (its handler decides proxies and TLS); null makes and owns one.</param>
    public static Props Props(AlertWebhookOptions options, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Actors.Props.Create(() => new AlertWebhookActor(options, client));
    }

    protected override void PostStop()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case AlertLogged alert:
                Enqueue(alert);
                SendNext();
                break;
            case Attempted attempted when ReferenceEquals(attempted.Alert, _current) && attempted.Attempt == _attempt:
                OnAttempted(attempted);
                break;
            case Attempted:
                // The outcome of an attempt for an alert that was dropped meanwhile.
                break;
            case Retry:
                Send();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    private void Enqueue(AlertLogged alert)
    {
        _queue.Enqueue(alert);
        if (_queue.Count > _options.QueueCapacity)
        {
            var oldest = _queue.Dequeue();
            _dropped++;
            AlertsLog.WebhookQueueFull(Log, _options.QueueCapacity, oldest.Id, _dropped);
            Context.System.EventStream.Publish(new AlertWebhookDropped(oldest.Id, Now, "queue full", _dropped));
        }
    }

    private void SendNext()
    {
        if (_current is not null || !_queue.TryDequeue(out var next))
        {
            return;
        }

        _current = next;
        _attempt = 0;
        Send();
    }

    private void Send()
    {
        if (_current is not { } alert)
        {
            return;
        }

        _attempt++;
        var attempt = _attempt;
        var self = Self;
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(alert, AlertJournalContext.Default.AlertLogged));
        content.Headers.ContentType = Json;
        var timeout = new CancellationTokenSource(_options.RequestTimeout, Context.System.TimeProvider);

        // The POST runs off the actor; its outcome comes back as a message.
        _ = _client.PostAsync(_options.Url, content, timeout.Token).ContinueWith(
            task =>
            {
                var outcome = task.IsCompletedSuccessfully
                    ? new Attempted(alert, attempt, task.Result.StatusCode, null)
                    : new Attempted(alert, attempt, null, Describe(task.Exception?.GetBaseException(), timeout.IsCancellationRequested));
                if (task.IsCompletedSuccessfully)
                {
                    task.Result.Dispose();
                }

                content.Dispose();
                timeout.Dispose();
                self.Tell(outcome);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnAttempted(Attempted attempted)
    {
        var alert = attempted.Alert;
        if (attempted.Status is { } status && (int)status is >= 200 and < 300)
        {
            if (attempted.Attempt > 1)
            {
                AlertsLog.WebhookRecovered(Log, _origin, alert.Id, attempted.Attempt);
            }

            Context.System.EventStream.Publish(new AlertWebhookDelivered(alert.Id, Now, attempted.Attempt));
            Done();
            return;
        }

        if (attempted.Status is { } refused && IsFinal(refused))
        {
            _dropped++;
            AlertsLog.WebhookRefused(Log, _origin, alert.Id, (int)refused, _dropped);
            Context.System.EventStream.Publish(new AlertWebhookDropped(alert.Id, Now, $"refused with {(int)refused}", _dropped));
            Done();
            return;
        }

        var error = attempted.Error ?? $"HTTP {(int)attempted.Status!.Value}"; // Without an error there is a status.
        var delay = _options.RetryDelay(attempted.Attempt);
        Context.Timers.StartSingleTimer(RetryTimer, Retry.Instance, delay);
        AlertsLog.WebhookAttemptFailed(Log, _origin, alert.Id, attempted.Attempt, error, delay);
        Context.System.EventStream.Publish(new AlertWebhookFailed(alert.Id, Now, attempted.Attempt, error, delay));
    }

    private void Done()
    {
        _current = null;
        _attempt = 0;
        SendNext();
    }

    private static bool IsFinal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static string Describe(Exception? error, bool timedOut) =>
        timedOut ? "timed out" : error switch
        {
            HttpRequestException { HttpRequestError: var kind } http => $"{kind}: {http.Message}",
            null => "cancelled",
            _ => error.Message,
        };

    /// <summary>The outcome of one POST: a status, or an error when there was no answer.</summary>
    private sealed record Attempted(AlertLogged Alert, int Attempt, HttpStatusCode? Status, string? Error);

    private sealed record Retry
    {
        public static readonly Retry Instance = new();
    }
}
