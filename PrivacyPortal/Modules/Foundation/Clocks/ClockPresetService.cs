using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>Presets are data: compliance officers tune them; running clocks keep the rule they started with.</summary>
public sealed class ClockPresetService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit)
{
    public async Task<IReadOnlyList<ClockPreset>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ClockPreset>().AsNoTracking().OrderBy(p => p.Jurisdiction).ThenBy(p => p.Key).ToListAsync(cancellationToken);
    }

    public async Task<(FieldErrors Errors, bool Conflict)> SaveAsync(ClockPreset input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Amount is < 1 or > 1000)
        {
            errors[nameof(input.Amount)] = "Clocks.Preset.AmountRange";
        }
        if (input.DueSoonHours is < 0 or > 2000)
        {
            errors[nameof(input.DueSoonHours)] = "Clocks.Preset.DueSoonRange";
        }
        if (input.MaxExtension is < 0 or > 1000)
        {
            errors[nameof(input.MaxExtension)] = "Clocks.Preset.AmountRange";
        }
        if (string.IsNullOrWhiteSpace(input.Source))
        {
            errors[nameof(input.Source)] = "Validation.Required";
        }
        input.CalendarRegion = (input.CalendarRegion ?? "").Trim().ToUpperInvariant();
        if (!CalendarRegions.IsValid(input.CalendarRegion))
        {
            errors[nameof(input.CalendarRegion)] = "Clocks.Preset.RegionInvalid";
        }
        if (!errors.IsValid)
        {
            return (errors, false);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preset = await db.Set<ClockPreset>().SingleAsync(p => p.Key == input.Key, cancellationToken);
        if (!db.TryClaim(preset, input.Version))
        {
            return (errors, true);
        }
        var before = new { preset.Unit, preset.Amount, preset.MaxExtension, preset.DueSoonHours, preset.CalendarRegion, preset.Source, HonouredPauses = preset.HonouredPauses.ToString() };
        preset.Unit = input.Unit;
        preset.Amount = input.Amount;
        preset.MaxExtension = input.MaxExtension;
        preset.DueSoonHours = input.DueSoonHours;
        preset.Source = input.Source.Trim();
        preset.CalendarRegion = input.CalendarRegion;
        preset.HonouredPauses = input.HonouredPauses & ClockPresets.AnyReason;
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, true);
        }
        await audit.RecordAsync("clock-preset.changed", targetType: "clock-preset", targetId: preset.Key,
            detail: new { before, after = new { preset.Unit, preset.Amount, preset.MaxExtension, preset.DueSoonHours, preset.CalendarRegion, preset.Source, HonouredPauses = preset.HonouredPauses.ToString() } }, cancellationToken: cancellationToken);
        return (errors, false);
    }
}
