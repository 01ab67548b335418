namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>
/// The portal's suggestion; staff confirm or override it with a reason. Thresholds from the CAC grading guide for
/// personal-data leaks (≥ 1,000,000 较大, ≥ 10,000,000 重大, ≥ 100,000,000 特别重大), editable.
/// </summary>
public static class BreachGrading
{
    public static BreachGrade Suggest(long people, bool sensitive, BreachGradingThresholds t)
    {
        var grade = people >= t.Critical ? BreachGrade.Critical
            : people >= t.Major ? BreachGrade.Major
            : people >= t.Larger ? BreachGrade.Larger
            : BreachGrade.General;
        // Sensitive personal information (PIPL art. 28) does more harm per person: one grade up from the threshold on.
        if (sensitive && people >= t.SensitiveRaiseFrom && grade < BreachGrade.Critical)
        {
            grade++;
        }
        return grade;
    }
}
