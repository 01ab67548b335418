using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Cases.Requests;

namespace PrivacyPortal.Modules.Oversight.Reports;

/// <summary>Requests of one type in the period: received, closed, closed on time, and the median days to close.</summary>
public sealed record RequestTypeFigures(RequestType Type, int Received, int Closed, int ClosedOnTime, double MedianDaysToClose);

/// <summary>Refusals (whole or partial) closed in the period by the statement's ground; a case may cite several.</summary>
public sealed record RefusalFigures(int Cases, IReadOnlyList<(string ReasonKey, int Count)> ByReason);

/// <summary>Incidents discovered in the period by grade (null: not graded) and the reports submitted in it.</summary>
public sealed record IncidentFigures(int Discovered, IReadOnlyList<(BreachGrade? Grade, int Count)> ByGrade, int ReportsOnTime, int ReportsLate, int ReportsNotSubmitted);

/// <summary>Retention purge runs started in the period.</summary>
public sealed record PurgeFigures(int Runs, int Completed, int Failed, int Held, int AwaitingOwner, long RowsDeleted, long RowsHeld);

/// <summary>Backup-deletion follow-ups: closed in the period, and still open at its end (past their expected date or not).</summary>
public sealed record FollowUpFigures(int ClosedInPeriod, int OpenAtEnd, int PastExpectedAtEnd);

/// <summary>The trail: events in the period and the last verification run.</summary>
public sealed record AuditChainFigures(long EventsInPeriod, DateTime? LastVerifiedAtUtc, bool? Intact);

/// <summary>The figures of the compliance report for one period (whole days in the portal's zone, both ends included).</summary>
public sealed record ComplianceReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<RequestTypeFigures> Requests,
    double MedianDaysToClose,
    RefusalFigures Refusals,
    IncidentFigures Incidents,
    PurgeFigures Purges,
    FollowUpFigures FollowUps,
    AuditChainFigures AuditChain)
{
    public int Received => Requests.Sum(r => r.Received);

    public int Closed => Requests.Sum(r => r.Closed);

    public int ClosedOnTime => Requests.Sum(r => r.ClosedOnTime);
}
