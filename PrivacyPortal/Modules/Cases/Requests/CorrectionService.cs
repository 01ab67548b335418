using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>A column a database connector can correct: mapped to a category, not an identifier.</summary>
public sealed record CorrectableField(int SystemId, string SystemName, string Table, string Column, string CategoryKey);

/// <summary>What the officer records: in this system's table and column, the person's value becomes this.</summary>
public sealed record FieldCorrection(int SystemId, string Table, string Column, string Value);

public sealed record CorrectionResult(int SystemId, string Table, string Column, long Rows, string? Error);

/// <summary>Corrections applied in place through the database connectors (statement 6.1); other systems get owner tasks.</summary>
public sealed class CorrectionService(ConnectorTargets targets, SubjectDirectory directory)
{
    public const int MaxValue = 500;

    public async Task<IReadOnlyList<CorrectableField>> FieldsAsync(CancellationToken cancellationToken = default)
    {
        var fields = new List<CorrectableField>();
        foreach (var system in (await targets.ActiveSystemsAsync(cancellationToken)).Where(s => s.ConnectorKind == ConnectorKind.Database))
        {
            var mapping = DatabaseMapping.FromJson(system.MappingJson);
            foreach (var table in mapping.Tables)
            {
                var identifiers = table.IdentifierColumns.Select(i => i.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
                fields.AddRange(table.CategoryColumns
                    .SelectMany(c => c.Value.Where(column => !identifiers.Contains(column)).Select(column => new CorrectableField(system.Id, system.Name, table.Table, column, c.Key))));
            }
        }
        return fields;
    }

    /// <summary>Checks every correction first (field mapped, value given); only when all are valid does any reach a database.</summary>
    public async Task<(FieldErrors Errors, IReadOnlyList<CorrectionResult> Results)> ApplyAsync(long subjectId, IReadOnlyList<FieldCorrection> corrections, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var fields = await FieldsAsync(cancellationToken);
        for (var i = 0; i < corrections.Count; i++)
        {
            var c = corrections[i];
            var value = c.Value?.Trim() ?? "";
            if (!fields.Any(f => f.SystemId == c.SystemId && string.Equals(f.Table, c.Table, StringComparison.OrdinalIgnoreCase) && string.Equals(f.Column, c.Column, StringComparison.OrdinalIgnoreCase)))
            {
                errors[$"Corrections[{i}]"] = "Requests.Correction.UnknownField";
            }
            else if (value.Length == 0)
            {
                errors[$"Corrections[{i}]"] = "Validation.Required";
            }
            else if (value.Length > MaxValue)
            {
                errors[$"Corrections[{i}]"] = "Validation.TooLong";
            }
        }
        if (!errors.IsValid || corrections.Count == 0)
        {
            return (errors, []);
        }
        var keys = await directory.KeysAsync(subjectId, cancellationToken);
        var connector = (DatabaseConnector)targets.ConnectorFor(ConnectorKind.Database);
        var results = new List<CorrectionResult>();
        foreach (var c in corrections)
        {
            var system = await targets.SystemAsync(c.SystemId, cancellationToken);
            var outcome = await connector.CorrectAsync(targets.For(system!), keys, c.Table, c.Column, c.Value.Trim(), cancellationToken);
            results.Add(new CorrectionResult(c.SystemId, c.Table, c.Column, outcome.Rows, outcome.Status == StepStatus.Done ? null : outcome.Error));
        }
        return (errors, results);
    }
}
