using System.Text.Json;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client.Tests;

public sealed class AgentLinkClientTests : LinkTestBase
{
    [Fact]
    public async Task Connect_SendsHelloWithTheBearerToken_AndReturnsHelloOk()
    {
        Node.RequiredToken = "s3cret";
        Node.HelloOk = new HelloOkFrame("mac-mini", AgentStates.Ready, 41);
        var client = CreateClient(o => o with
        {
            BearerToken = "s3cret",
            ContextTokens = 80000,
            Labels = new Dictionary<string, string> { ["host"] = "gpu-box" },
        });
        var states = new StateRecorder(client);

        var helloOk = await client.ConnectAsync().WaitAsync(Patience);

        helloOk.Should().Be(new HelloOkFrame("mac-mini", AgentStates.Ready, 41));
        client.LastHelloOk.Should().Be(helloOk);
        client.State.Should().Be(AgentLinkConnectionState.Connected);
        var connection = await NextConnectionAsync();
        connection.Authorization.Should().Be("Bearer s3cret");
        AgentLinkCodec.EncodeToString(connection.Hello).Should().Be(
            $$$"""{"type":"hello","protocol":1,"agentId":"gpu-box","incarnation":"{{{client.Incarnation}}}","contextTokens":80000,"labels":{"host":"gpu-box"}}""");
        (await NextFrameAsync<HelloOkFrame>(client)).Should().Be(helloOk);
        states.Drain().Select(c => (c.State, c.Previous)).Should().Equal(
            (AgentLinkConnectionState.Connecting, AgentLinkConnectionState.Disconnected),
            (AgentLinkConnectionState.Connected, AgentLinkConnectionState.Connecting));
    }

    [Fact]
    public void Incarnation_IsANewGuidPerClientInstance_UnlessGiven()
    {
        var first = CreateClient();
        var second = CreateClient();
        var given = CreateClient(o => o with { Incarnation = "run-7" });

        Guid.TryParse(first.Incarnation, out _).Should().BeTrue();
        second.Incarnation.Should().NotBe(first.Incarnation);
        given.Incarnation.Should().Be("run-7");
    }

    [Fact]
    public async Task Send_AwaitsTheMatchingSent_AndReturnsItsMessageId()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var first = await client.SendAsync("mac-mini", "hello there", sessionKey: "review").WaitAsync(Patience);
        var second = await client.SendAsync("room:ops", JsonDocument.Parse("""{"build":"green"}""").RootElement, kind: SendKind.Broadcast)
            .WaitAsync(Patience);

        first.Should().Be(new SendResult(1, Duplicate: false));
        second.Should().Be(new SendResult(2, Duplicate: false));
        var sent = await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        AgentLinkCodec.EncodeToString(sent).Should().Be(
            """{"type":"send","ref":"1","to":"mac-mini","body":"hello there","sessionKey":"review","kind":"message"}""");
        sent = await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        AgentLinkCodec.EncodeToString(sent).Should().Be(
            """{"type":"send","ref":"2","to":"room:ops","body":{"build":"green"},"kind":"broadcast"}""");
    }

    [Fact]
    public async Task Send_ReportsADuplicate_AsTheNodeAnswersIt()
    {
        Node.OnSend = send => new SentFrame(send.Ref, 17, Duplicate: true);
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);

        var result = await client.SendAsync("mac-mini", "same again").WaitAsync(Patience);

        result.Should().Be(new SendResult(17, Duplicate: true));
    }

    [Fact]
    public async Task Send_ThrowsRejected_WithTheNodesReasonAndDetail()
    {
        Node.OnSend = send => new RejectedFrame(RejectReasons.CircuitOpen, "3 consecutive non-retryable failures", send.Ref);
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);

        var act = () => client.SendAsync("mac-mini", "retry?").WaitAsync(Patience);

        var thrown = await act.Should().ThrowAsync<AgentLinkRejectedException>();
        thrown.Which.Reason.Should().Be(RejectReasons.CircuitOpen);
        thrown.Which.Detail.Should().Be("3 consecutive non-retryable failures");
        thrown.Which.Message.Should().Be("The node rejected the frame: circuit-open (3 consecutive non-retryable failures).");
    }

    [Fact]
    public async Task Send_AnsweredWithAnError_ThrowsAProtocolExceptionWithItsCode()
    {
        Node.OnSend = send => new ErrorFrame("invalid", "body too deep", send.Ref);
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);

        var act = () => client.SendAsync("mac-mini", "x").WaitAsync(Patience);

        (await act.Should().ThrowAsync<AgentLinkProtocolException>()).Which.Code.Should().Be("invalid");
    }

    [Fact]
    public async Task Send_WithoutAnAnswer_TimesOutWhenTheClockPassesTheSendTimeout()
    {
        Node.OnSend = _ => null;
        var client = CreateClient(o => o with { SendTimeout = TimeSpan.FromSeconds(30) });
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var send = client.SendAsync("mac-mini", "anyone?");
        await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        Clock.Advance(TimeSpan.FromSeconds(29));
        send.IsCompleted.Should().BeFalse();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var act = () => send.WaitAsync(Patience);
        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("whether the node accepted it is unknown");
    }

    [Fact]
    public async Task Send_CancelledByTheCaller_StopsWaiting_AndItsLateAnswerChangesNothing()
    {
        var answers = new List<SentFrame>();
        Node.OnSend = send =>
        {
            answers.Add(new SentFrame(send.Ref, answers.Count + 1, Duplicate: false));
            return null;
        };
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        using var cancel = new CancellationTokenSource();

        var send = client.SendAsync("mac-mini", "never mind", cancellationToken: cancel.Token);
        await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        await cancel.CancelAsync();

        var act = () => send.WaitAsync(Patience);
        await act.Should().ThrowAsync<OperationCanceledException>();
        await connection.SendAsync(answers.Single());
        Node.OnSend = AnswerWithId(2);
        (await client.SendAsync("mac-mini", "next").WaitAsync(Patience)).MessageId.Should().Be(2);
    }

    [Fact]
    public async Task ManyConcurrentSends_AreEachWrittenOnce_AndEachGetsItsOwnAnswer()
    {
        Node.OnSend = send => new SentFrame(send.Ref, 1000 + long.Parse(send.Ref, System.Globalization.CultureInfo.InvariantCulture), Duplicate: false);
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var sends = Enumerable.Range(0, 300).Select(i => Task.Run(() => client.SendAsync("mac-mini", $"message {i}"))).ToArray();
        var results = await Task.WhenAll(sends).WaitAsync(Patience);

        results.Select(result => result.MessageId).Should().OnlyHaveUniqueItems().And.HaveCount(300);
        var written = new List<string>();
        while (connection.Received.TryRead(out var frame))
        {
            written.Add(((SendFrame)frame).Ref);
        }

        written.Should().HaveCount(300).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task SendsStartedAtDifferentTimes_EachTimeOutWhenItsOwnTimeoutPasses()
    {
        Node.OnSend = _ => null;
        var client = CreateClient(o => o with { SendTimeout = TimeSpan.FromSeconds(30) });
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var first = client.SendAsync("mac-mini", "first");
        await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var second = client.SendAsync("mac-mini", "second");
        await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        Clock.Advance(TimeSpan.FromSeconds(20));

        await first.Awaiting(send => send.WaitAsync(Patience)).Should().ThrowAsync<TimeoutException>();
        second.IsCompleted.Should().BeFalse("it has waited 20 of its 30 seconds");
        Clock.Advance(TimeSpan.FromSeconds(9));
        second.IsCompleted.Should().BeFalse("it has waited 29 of its 30 seconds");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await second.Awaiting(send => send.WaitAsync(Patience)).Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task Send_RefusesBadValues_BeforeAnythingIsWritten()
    {
        var client = CreateClient(o => o with { MaxFrameBytes = 1024 });
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var badRecipient = () => client.SendAsync("mac mini", "x");
        var tooLarge = () => client.SendAsync("mac-mini", new string('x', 2000));

        (await badRecipient.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("to");
        (await tooLarge.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("more than the frame limit of 1024");
        await client.FetchAsync(0, 10).WaitAsync(Patience);
        (await connection.Received.ReadAsync().AsTask().WaitAsync(Patience)).Should().BeOfType<FetchFrame>();
    }

    [Fact]
    public async Task FramesWithoutAnAnswer_ReachTheNode_Exactly()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        await client.AckWelcomeAsync("w-1").WaitAsync(Patience);
        await client.SessionStartedAsync("s-1", 80000).WaitAsync(Patience);
        await client.ReportUsageAsync("s-1", "anthropic", "claude-sonnet-4", 1200, 80000, 350).WaitAsync(Patience);
        await client.ReportResultAsync("s-1", 42, ResultStatus.Failed, retryable: true, error: "HTTP 529").WaitAsync(Patience);
        await client.SessionEndedAsync("s-1", "done").WaitAsync(Patience);
        await client.FetchAsync(41, 50).WaitAsync(Patience);

        var received = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            received.Add(AgentLinkCodec.EncodeToString(await connection.Received.ReadAsync().AsTask().WaitAsync(Patience)));
        }

        received.Should().Equal(
            """{"type":"welcome-ack","welcomeId":"w-1"}""",
            """{"type":"session-started","sessionId":"s-1","contextTokens":80000}""",
            """{"type":"usage","sessionId":"s-1","provider":"anthropic","model":"claude-sonnet-4","inputTokens":1200,"cachedInputTokens":80000,"outputTokens":350}""",
            """{"type":"result","sessionId":"s-1","messageId":42,"status":"failed","retryable":true,"error":"HTTP 529"}""",
            """{"type":"session-ended","sessionId":"s-1","reason":"done"}""",
            """{"type":"fetch","after":41,"limit":50}""");
    }

    [Fact]
    public async Task NodeFrames_ArriveInOrder_IncludingUnknownAndMalformedOnes_AndTheLinkStaysUp()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);

        await connection.SendAsync(new WelcomeFrame("w-1", JsonSerializer.SerializeToElement("read me")));
        await connection.SendTextAsync("""{"type":"telemetry","cpu":0.91}""");
        await connection.SendTextAsync("""{"type":"deliver","sessionId":"s-1"}""");
        await connection.SendAsync(new NudgeFrame(45));

        (await NextFrameAsync<WelcomeFrame>(client)).WelcomeId.Should().Be("w-1");
        (await NextFrameAsync<UnknownFrame>(client)).Type.Should().Be("telemetry");
        (await NextFrameAsync<MalformedFrame>(client)).Type.Should().Be("deliver");
        (await NextFrameAsync<NudgeFrame>(client)).PendingUpTo.Should().Be(45);
        (await client.SendAsync("mac-mini", "still here").WaitAsync(Patience)).MessageId.Should().Be(1);
        client.State.Should().Be(AgentLinkConnectionState.Connected);
    }

    [Fact]
    public async Task NodeFrame_SentInManyFragments_IsAssembledIntoOneFrame()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);
        var text = new string('x', 50_000);

        await connection.SendTextAsync(
            $$"""{"type":"deliver","sessionId":"s-1","messageId":42,"from":"mac-mini","body":"{{text}}"}""", fragmentBytes: 7_000);

        var deliver = await NextFrameAsync<DeliverFrame>(client);
        deliver.Body.GetString().Should().Be(text);
        deliver.MessageId.Should().Be(42);
    }

    [Fact]
    public async Task UnmatchedAnswers_AreHandedToTheAgent()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);

        await connection.SendAsync(new SentFrame("no-such-ref", 9));
        await connection.SendAsync(new RejectedFrame(RejectReasons.Suspended));
        await connection.SendAsync(new ErrorFrame("unexpected-frame", "welcome-ack without a welcome"));

        (await NextFrameAsync<SentFrame>(client)).Ref.Should().Be("no-such-ref");
        (await NextFrameAsync<RejectedFrame>(client)).Reason.Should().Be(RejectReasons.Suspended);
        (await NextFrameAsync<ErrorFrame>(client)).Code.Should().Be("unexpected-frame");
    }

    [Fact]
    public async Task Connect_WhenTheNodeAnswersHelloWithError_ThrowsAProtocolException()
    {
        var client = CreateClient();
        Node.AnswerHelloWith = new ErrorFrame("unsupported-protocol", "protocol 1 only");

        var act = () => client.ConnectAsync().WaitAsync(Patience);

        (await act.Should().ThrowAsync<AgentLinkProtocolException>()).Which.Code.Should().Be("unsupported-protocol");
        client.State.Should().Be(AgentLinkConnectionState.Disconnected);
    }

    [Fact]
    public async Task Connect_WithoutHelloOk_TimesOutWhenTheClockPassesTheHelloTimeout()
    {
        Node.AnswerHelloWith = new NudgeFrame(3);
        var client = CreateClient(o => o with { HelloTimeout = TimeSpan.FromSeconds(10) });
        var states = new StateRecorder(client);

        var connect = client.ConnectAsync();
        await NextConnectionAsync();
        Clock.Advance(TimeSpan.FromSeconds(10));

        var act = () => connect.WaitAsync(Patience);
        await act.Should().ThrowAsync<TimeoutException>().WithMessage("No hello-ok from *");
        (await states.NextInAsync(AgentLinkConnectionState.Disconnected, Patience)).Error.Should().BeOfType<TimeoutException>();
    }

    [Fact]
    public async Task FramesBeforeHelloOk_AreHandedOnAfterIt_InOrder()
    {
        Node.BeforeHelloOk = [new NudgeFrame(3), new SuspendedFrame("operator")];
        var client = CreateClient();

        await client.ConnectAsync().WaitAsync(Patience);

        await NextFrameAsync<HelloOkFrame>(client);
        (await NextFrameAsync<NudgeFrame>(client)).PendingUpTo.Should().Be(3);
        (await NextFrameAsync<SuspendedFrame>(client)).Reason.Should().Be("operator");
    }

    [Fact]
    public async Task StateChangedHandler_MayCallBackIntoTheClient()
    {
        var client = CreateClient();
        var sentFromHandler = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, change) =>
        {
            if (change.State == AgentLinkConnectionState.Connected)
            {
                _ = SendFromHandlerAsync();
            }
        };

        async Task SendFromHandlerAsync()
        {
            try
            {
                sentFromHandler.TrySetResult(await client.SendAsync("mac-mini", "connected"));
            }
            catch (Exception e)
            {
                sentFromHandler.TrySetException(e);
            }
        }

        await client.ConnectAsync().WaitAsync(Patience);

        (await sentFromHandler.Task.WaitAsync(Patience)).MessageId.Should().Be(1);
    }

    [Fact]
    public async Task Connect_IsRefused_WhenAlreadyConnected()
    {
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);

        var act = () => client.ConnectAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public void Options_ThatBreakTheRules_AreRefusedWhenTheClientIsCreated()
    {
        FluentActions.Invoking(() => CreateClient(o => o with { AgentId = "gpu box" }))
            .Should().Throw<ArgumentException>().WithMessage("An agent id must be 1–64 characters*");
        FluentActions.Invoking(() => CreateClient(o => o with { Incarnation = new string('x', 129) }))
            .Should().Throw<ArgumentException>().WithMessage("An incarnation must be 1–128 printable characters*");
        FluentActions.Invoking(() => CreateClient(o => o with { NodeUri = new Uri("http://127.0.0.1:1/agents/link") }))
            .Should().Throw<ArgumentException>().WithMessage("*ws:// or wss://*");
        FluentActions.Invoking(() => CreateClient(o => o with { ReconnectMaxDelay = TimeSpan.FromMilliseconds(10) }))
            .Should().Throw<ArgumentException>().Where(e => e.ParamName == "ReconnectMaxDelay");
        FluentActions.Invoking(() => CreateClient(o => o with { ReconnectJitter = 1.5 }))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Func<SendFrame, NodeFrame?> AnswerWithId(long messageId) => send => new SentFrame(send.Ref, messageId, Duplicate: false);
}
