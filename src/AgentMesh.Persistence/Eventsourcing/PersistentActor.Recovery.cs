namespace AgentMesh.Persistence.Eventsourcing;

public abstract partial class PersistentActor
{
    private void StartRecovery()
    {
        var persistence = Persistence;
        var persistenceId = PersistenceId;
        var self = Self;
        var token = _token;

        // The reads run off the actor; results come back as messages, so the actor's state is only
        // ever touched on its own turn. Events are deserialized here, in batches, off the actor thread.
        _ = Task.Run(async () =>
        {
            try
            {
                var snapshot = await persistence.Snapshots.LoadLatestAsync(persistenceId, SnapshotCriteria.Any, CancellationToken.None).ConfigureAwait(false);
                var from = 1L;
                if (snapshot is not null)
                {
                    self.Tell(new RecoveryStep(token, new SnapshotOffer(snapshot.SequenceNr, snapshot.Timestamp, persistence.Serializer.Deserialize(snapshot)), snapshot.SequenceNr));
                    from = snapshot.SequenceNr + 1;
                }

                // One read for the common case (the whole history fits in one batch); a longer history
                // goes on streaming after it.
                var start = await persistence.Journal.ReadRecoveryStartAsync(persistenceId, from, persistence.RecoveryBatchSize, CancellationToken.None).ConfigureAwait(false);
                var highest = start.HighestSequenceNr;
                if (start.Entries.Count > 0)
                {
                    self.Tell(new RecoveryStep(token, Deserialize(persistence, start.Entries), 0));
                }

                if (start.Entries.Count == persistence.RecoveryBatchSize && start.Entries[^1].SequenceNr < highest)
                {
                    var batch = new List<(long, object)>(persistence.RecoveryBatchSize);
                    await foreach (var entry in persistence.Journal.ReplayAsync(persistenceId, start.Entries[^1].SequenceNr + 1, highest, long.MaxValue, CancellationToken.None).ConfigureAwait(false))
                    {
                        batch.Add((entry.SequenceNr, persistence.Serializer.Deserialize(entry)));
                        if (batch.Count == persistence.RecoveryBatchSize)
                        {
                            self.Tell(new RecoveryStep(token, batch, 0));
                            batch = new List<(long, object)>(persistence.RecoveryBatchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        self.Tell(new RecoveryStep(token, batch, 0));
                    }
                }

                self.Tell(new RecoveryStep(token, RecoveryCompleted.Instance, highest));
            }
            catch (Exception ex)
            {
                self.Tell(new RecoveryStep(token, ex, 0));
            }
        });
    }

    private static List<(long SequenceNr, object Event)> Deserialize(PersistenceExtension persistence, IReadOnlyList<JournalEntry> entries)
    {
        var events = new List<(long, object)>(entries.Count);
        foreach (var entry in entries)
        {
            events.Add((entry.SequenceNr, persistence.Serializer.Deserialize(entry)));
        }

        return events;
    }

    private void HandleRecoveryStep(RecoveryStep step)
    {
        if (!_recovering)
        {
            return;
        }

        try
        {
            switch (step.Payload)
            {
                case SnapshotOffer offer:
                    LastSequenceNr = _highestAssigned = offer.SequenceNr;
                    OnRecover(offer);
                    break;
                case List<(long SequenceNr, object Event)> events:
                    foreach (var (sequenceNr, @event) in events)
                    {
                        LastSequenceNr = _highestAssigned = sequenceNr;
                        OnRecover(@event);
                    }

                    break;
                case RecoveryCompleted completed:
                    // Deleted entries still reserve their numbers: continue after the highest ever written.
                    _highestAssigned = Math.Max(_highestAssigned, step.SequenceNr);
                    LastSequenceNr = _highestAssigned;
                    _recovering = false;
                    OnRecover(completed);
                    FlushPending(pipelined: false);
                    ProcessWaiting();

                    break;
                case Exception failure:
                    FailRecovery(failure);
                    break;
            }
        }
        catch (Exception ex) when (step.Payload is not Exception)
        {
            // A handler that cannot apply its own history would fail the same way on every restart.
            FailRecovery(new InvalidOperationException(
                $"Recovery of {PersistenceId} failed while applying sequence number {LastSequenceNr}: {ex.Message}", ex));
        }
    }

    private void FailRecovery(Exception failure)
    {
        EventsourcingLog.RecoveryFailed(Log, failure, PersistenceId.Value);
        _recovering = false;
        _stopping = true;
        OnRecoveryFailure(failure);
        Context.Stop(Self);
    }

    /// <summary>One step of recovery, posted by the reader to the actor: a snapshot offer, a batch of events, completion, or a failure.</summary>
    private sealed record RecoveryStep(object Token, object Payload, long SequenceNr);
}
