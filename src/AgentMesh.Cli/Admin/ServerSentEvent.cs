namespace AgentMesh.Cli.Admin;

/// <summary>One event of a <c>text/event-stream</c>: its <c>event</c> type (<c>message</c> when none was named), <c>id</c> and <c>data</c>.</summary>
internal sealed record ServerSentEvent(string Type, string? Id, string Data);
