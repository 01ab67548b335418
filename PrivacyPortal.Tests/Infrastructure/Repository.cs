namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>The checked-out repository the tests run from (the folder holding PrivacyPortal.sln).</summary>
public static class Repository
{
    public static readonly string Root = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivacyPortal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found.");
    }
}
