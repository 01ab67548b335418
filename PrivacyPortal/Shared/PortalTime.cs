using System.Globalization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Configuration;

namespace PrivacyPortal.Shared;

/// <summary>Instants are stored in UTC; staff see them in the portal's zone (Asia/Shanghai unless configured).</summary>
public sealed class PortalTime(TimeProvider clock, IOptions<PortalOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateOnly Today() => DateOnly.FromDateTime(ToLocal(UtcNow));

    public string Format(DateTime? utc) =>
        utc is null ? "—" : ToLocal(utc.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
