namespace PrivacyPortal.Jobs;

public enum JobStorageKind
{
    /// <summary>Follows Database:Provider: SQLite file beside the portal database, or the same SQL Server.</summary>
    Auto,
    Sqlite,
    SqlServer,
    /// <summary>For tests only: nothing survives a restart.</summary>
    InMemory,
}

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public JobStorageKind Storage { get; set; } = JobStorageKind.Auto;

    /// <summary>Instances that only serve pages can leave job processing to others.</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;
}
