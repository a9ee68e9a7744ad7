namespace AgentMesh.Persistence;

/// <summary>
/// The start of one persistence id's recovery, read in one call (see
/// <see cref="IEventJournal.ReadRecoveryStartAsync"/>).
/// </summary>
/// <param name="HighestSequenceNr">
/// The highest sequence number ever appended, deleted entries included (as
/// <see cref="IEventJournal.ReadHighestSequenceNrAsync"/>); a new writer continues after it.
/// </param>
/// <param name="Entries">
/// The first stored entries from the requested sequence number up to <paramref name="HighestSequenceNr"/>,
/// ascending, at most the requested number. When that many came back there may be more: replay
/// from the last one's number + 1 up to <paramref name="HighestSequenceNr"/>.
/// </param>
public sealed record RecoveryStart(long HighestSequenceNr, IReadOnlyList<JournalEntry> Entries);
