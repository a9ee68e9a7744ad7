namespace AgentMesh.Persistence.Schema;

/// <summary>
/// One step of a back end's schema. Versions start at 1 and are consecutive; a released migration
/// is never edited, only followed by a new one. Its SQL is idempotent (<c>IF NOT EXISTS</c>), so a
/// step interrupted before its row was recorded can simply run again.
/// </summary>
internal sealed record Migration(int Version, string Description, string Sql);
