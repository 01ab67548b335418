using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

public sealed record TemplateRow(int Id, string Purpose, string Language, string Subject, string Body, int Version, DateTime UpdatedAtUtc);

public sealed class TemplateEdit
{
    public int Id { get; set; }

    public string Purpose { get; set; } = "";

    public string Language { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The version the editor loaded; a save on an older one is refused.</summary>
    public int Version { get; set; }
}

public sealed record TemplatePreview(string? Subject, string? Body, FieldErrors Errors, IReadOnlyDictionary<string, string> Details);

public enum TemplateSaveOutcome
{
    Saved,
    Invalid,
    NotFound,
    /// <summary>Someone saved the template after this copy was loaded: nothing was saved.</summary>
    Conflict,
}

public sealed record TemplateSaveResult(TemplateSaveOutcome Outcome, FieldErrors Errors, IReadOnlyDictionary<string, string> Details, int? Version = null);

/// <summary>Templates for compliance officers: list, preview with sample data, save (checked, versioned, audited).</summary>
public sealed class TemplateService(IDbContextFactory<PortalDbContext> contexts, TemplateRenderer renderer, AuditTrail audit, CurrentActor actor, TimeProvider time)
{
    public async Task<IReadOnlyList<TemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<NotificationTemplate>().AsNoTracking()
            .Select(t => new TemplateRow(t.Id, t.Purpose, t.Language, t.Subject, t.Body, t.Version, t.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Purpose, StringComparer.Ordinal).ThenBy(r => r.Language == NotificationLanguages.Chinese ? 0 : 1).ToList();
    }

    /// <summary>Renders both fields with the purpose's sample values; errors carry resource keys, details the names.</summary>
    public TemplatePreview Preview(string purposeName, string language, string subject, string body)
    {
        var errors = new FieldErrors();
        var details = new Dictionary<string, string>();
        var purpose = NotificationPurposes.Find(purposeName);
        if (purpose is null)
        {
            errors[nameof(TemplateEdit.Purpose)] = "Notifications.Error.UnknownPurpose";
            return new TemplatePreview(null, null, errors, details);
        }
        var samples = purpose.Samples(language);
        var renderedSubject = Check(nameof(TemplateEdit.Subject), subject, NotificationTemplateConfiguration.MaxSubject, required: true);
        var renderedBody = Check(nameof(TemplateEdit.Body), body, NotificationTemplateConfiguration.MaxBody, required: true);
        var missing = purpose.RequiredInBody.Where(name => !Regex.IsMatch(body ?? "", @"\{\{-?\s*" + Regex.Escape(name) + @"\b")).ToList();
        if (renderedBody is not null && missing.Count > 0)
        {
            errors[nameof(TemplateEdit.Body)] = "Notifications.Error.MissingRequired";
            details[nameof(TemplateEdit.Body)] = string.Join(", ", missing);
            renderedBody = null;
        }
        return new TemplatePreview(renderedSubject, renderedBody, errors, details);

        string? Check(string field, string text, int max, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(text))
            {
                errors[field] = "Validation.Required";
                return null;
            }
            if (text.Length > max)
            {
                errors[field] = "Validation.TooLong";
                return null;
            }
            var result = renderer.Render(text, samples);
            if (result.TooLarge)
            {
                errors[field] = "Notifications.Error.TooLarge";
                return null;
            }
            if (result.SyntaxError is not null)
            {
                errors[field] = "Notifications.Error.Syntax";
                details[field] = result.SyntaxError;
                return null;
            }
            if (result.UnknownPlaceholders.Count > 0)
            {
                errors[field] = "Notifications.Error.UnknownPlaceholder";
                details[field] = string.Join(", ", result.UnknownPlaceholders);
                return null;
            }
            return result.Text;
        }
    }

    public async Task<TemplateSaveResult> SaveAsync(TemplateEdit edit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await db.Set<NotificationTemplate>().SingleOrDefaultAsync(t => t.Id == edit.Id, cancellationToken);
        if (template is null)
        {
            return new TemplateSaveResult(TemplateSaveOutcome.NotFound, new FieldErrors(), new Dictionary<string, string>());
        }
        var preview = Preview(template.Purpose, template.Language, edit.Subject, edit.Body);
        if (!preview.Errors.IsValid)
        {
            return new TemplateSaveResult(TemplateSaveOutcome.Invalid, preview.Errors, preview.Details);
        }
        if (!db.TryClaim(template, edit.Version))
        {
            return new TemplateSaveResult(TemplateSaveOutcome.Conflict, new FieldErrors(), new Dictionary<string, string>());
        }
        var actorId = await actor.GetActorIdAsync();
        template.Subject = edit.Subject;
        template.Body = edit.Body;
        template.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        template.UpdatedBy = actorId;
        try
        {
            // The version is the concurrency token: the UPDATE matches only the version this editor loaded.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new TemplateSaveResult(TemplateSaveOutcome.Conflict, new FieldErrors(), new Dictionary<string, string>());
        }
        await audit.RecordAsync(NotificationAuditActions.TemplateSaved, targetType: "notification-template", targetId: template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: new { purpose = template.Purpose, language = template.Language, version = template.Version }, cancellationToken: cancellationToken);
        return new TemplateSaveResult(TemplateSaveOutcome.Saved, new FieldErrors(), new Dictionary<string, string>(), template.Version);
    }
}
