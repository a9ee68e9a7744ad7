using AgentMesh.Persistence;
using AgentMesh.Persistence.CrashWriter;
using AgentMesh.Persistence.PostgreSql;
using AgentMesh.Persistence.Sqlite;

// Persists events until killed and prints "acked <sequence nr>" after every acknowledged batch. It
// also stops by itself after --max-events, or when its standard input closes (the test that started
// it is gone), so it never outlives its purpose.
var options = CrashWriterOptions.Parse(args);
using var stop = new CancellationTokenSource();
_ = Task.Run(async () =>
{
    await Console.In.ReadToEndAsync(stop.Token);
    await stop.CancelAsync();
});

await using var workload = await StartAsync(options, stop.Token);
Console.Out.WriteLine("ready");
long acknowledged = 0;
while (acknowledged < options.MaxEvents && !stop.IsCancellationRequested)
{
    acknowledged = await workload.PersistNextBatchAsync(CancellationToken.None);
    Console.Out.WriteLine($"acked {acknowledged}");
}

return 0;

static async Task<ICrashWorkload> StartAsync(CrashWriterOptions options, CancellationToken cancellationToken)
{
    var persistenceId = new PersistenceId(options.PersistenceId);
    switch (options.Store)
    {
        case "sqlite":
            var sqlite = await SqliteStore.OpenAsync(
                new SqliteStoreOptions { FilePath = options.Path ?? throw new ArgumentException("--path is required for sqlite.") },
                cancellationToken);
            return await JournalWorkload.StartAsync(sqlite.Journal, sqlite, persistenceId, options.BatchSize, TimeProvider.System, cancellationToken);
        case "postgresql":
            var postgres = await PostgreSqlStore.OpenAsync(
                new PostgreSqlStoreOptions
                {
                    ConnectionString = options.ConnectionString ?? throw new ArgumentException("--connection-string is required for postgresql."),
                },
                cancellationToken);
            return await JournalWorkload.StartAsync(postgres.Journal, postgres, persistenceId, options.BatchSize, TimeProvider.System, cancellationToken);
        default:
            throw new ArgumentException($"Unknown store '{options.Store}'; use sqlite or postgresql.");
    }
}
