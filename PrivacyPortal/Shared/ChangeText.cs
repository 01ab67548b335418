namespace PrivacyPortal.Shared;

/// <summary>
/// The message for how a change ended. "Someone else changed this" reads the same on every page (Common.Conflict),
/// and the page then shows their version; every other outcome has its own text under "&lt;prefix&gt;.&lt;Outcome&gt;".
/// </summary>
public static class ChangeText
{
    public const string Conflict = "Common.Conflict";

    public static string Key<TOutcome>(string prefix, TOutcome outcome) where TOutcome : struct, Enum =>
        outcome.ToString() == "Conflict" ? Conflict : $"{prefix}.{outcome}";
}
