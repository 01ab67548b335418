using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

public sealed class RecipientInput
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public RecipientType Type { get; set; } = RecipientType.Processor;

    public string Region { get; set; } = StorageRegions.MainlandChina;

    /// <summary>A mailbox of the recipient's, e.g. privacy@vendor.example.com: deletion notices go there (statement 6.2).</summary>
    public string DeletionContact { get; set; } = "";

    public RecipientLegalBasis LegalBasis { get; set; } = RecipientLegalBasis.Contract;

    public string AgreementReference { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public IReadOnlyCollection<int> CategoryIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed class FlowInput
{
    public int Id { get; set; }

    public int SystemId { get; set; }

    public int RecipientId { get; set; }

    public string Description { get; set; } = "";

    public int Version { get; set; }
}

public sealed record FlowRow(int Id, int SystemId, string SystemName, string SystemRegion, int RecipientId, string Description, int Version)
{
    public bool SystemIsCrossBorder => StorageRegions.IsCrossBorder(SystemRegion);

    public FlowInput ToInput() => new() { Id = Id, SystemId = SystemId, RecipientId = RecipientId, Description = Description, Version = Version };
}

public sealed record RecipientRow(
    int Id, string Name, RecipientType Type, string Region, string DeletionContact, RecipientLegalBasis LegalBasis, string AgreementReference,
    bool IsActive, IReadOnlyList<CategoryRef> Categories, IReadOnlyList<FlowRow> Flows, int Version)
{
    public bool IsCrossBorder => StorageRegions.IsCrossBorder(Region);

    public RecipientInput ToInput() => new()
    {
        Id = Id, Name = Name, Type = Type, Region = Region, DeletionContact = DeletionContact, LegalBasis = LegalBasis,
        AgreementReference = AgreementReference, IsActive = IsActive, CategoryIds = Categories.Select(c => c.Id).ToList(), Version = Version,
    };
}

public sealed record RecipientRef(int Id, string Name, RecipientType Type, string Region, bool IsActive)
{
    public bool IsCrossBorder => StorageRegions.IsCrossBorder(Region);
}

/// <summary>Whom a deletion must tell (statement 6.2): an active recipient that receives data from one of the systems.</summary>
public sealed record DeletionNoticeTarget(int RecipientId, string Name, RecipientType Type, string DeletionContact, IReadOnlyList<int> SystemIds);

/// <summary>
/// The recipients register (statement 5): third parties, what they receive and on which basis, and the data flows
/// from systems to them, from which a deletion knows whom to notify.
/// </summary>
public sealed class RecipientService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit)
{
    public async Task<IReadOnlyList<RecipientRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recipients = await db.Set<Recipient>().AsNoTracking().Include(r => r.Categories).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var flows = (await FlowsAsync(db, null, cancellationToken)).ToLookup(f => f.RecipientId);
        return recipients.Select(r => new RecipientRow(r.Id, r.Name, r.Type, r.Region, r.DeletionContact, r.LegalBasis, r.AgreementReference, r.IsActive,
            r.Categories.OrderBy(c => c.Id).Select(c => new CategoryRef(c.Id, c.Key, c.NameZh, c.NameEn, c.IsSensitive)).ToList(),
            flows[r.Id].ToList(), r.Version)).ToList();
    }

    public async Task<IReadOnlyList<RecipientRef>> RefsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Recipient>().AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RecipientRef(r.Id, r.Name, r.Type, r.Region, r.IsActive)).ToListAsync(cancellationToken);
    }

    /// <summary>The flows from one system, or from all systems when <paramref name="systemId"/> is null.</summary>
    public async Task<IReadOnlyList<FlowRow>> FlowsAsync(int? systemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FlowsAsync(db, systemId, cancellationToken);
    }

    private static async Task<List<FlowRow>> FlowsAsync(PortalDbContext db, int? systemId, CancellationToken cancellationToken)
    {
        var flows = db.Set<DataFlow>().AsNoTracking();
        if (systemId is not null)
        {
            flows = flows.Where(f => f.SystemId == systemId);
        }
        return await flows.OrderBy(f => f.System!.Name)
            .Select(f => new FlowRow(f.Id, f.SystemId, f.System!.Name, f.System.StorageRegion, f.RecipientId, f.Description, f.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The active recipients that receive data from any of <paramref name="systemIds"/>, with their deletion contact.</summary>
    public async Task<IReadOnlyList<DeletionNoticeTarget>> DeletionNoticeTargetsAsync(IReadOnlyCollection<int> systemIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DataFlow>().AsNoTracking()
            .Where(f => systemIds.Contains(f.SystemId) && f.Recipient!.IsActive)
            .Select(f => new { f.RecipientId, f.Recipient!.Name, f.Recipient.Type, f.Recipient.DeletionContact, f.SystemId })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.RecipientId)
            .Select(g => new DeletionNoticeTarget(g.Key, g.First().Name, g.First().Type, g.First().DeletionContact, g.Select(r => r.SystemId).Order().ToList()))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<InventorySave> SaveAsync(RecipientInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var name = InventoryRules.Required(errors, nameof(input.Name), input.Name, 200);
        var contact = InventoryRules.Email(errors, nameof(input.DeletionContact), input.DeletionContact);
        var agreement = InventoryRules.Optional(errors, nameof(input.AgreementReference), input.AgreementReference, 100);
        InventoryRules.Region(errors, nameof(input.Region), input.Region);
        InventoryRules.Defined(errors, nameof(input.Type), input.Type);
        InventoryRules.Defined(errors, nameof(input.LegalBasis), input.LegalBasis);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await InventoryRules.CategoriesAsync(db, errors, nameof(input.CategoryIds), input.CategoryIds, cancellationToken);
        if (errors.For(nameof(input.Name)) is null
            && await db.Set<Recipient>().AnyAsync(r => r.Id != input.Id && r.Name.ToLower() == name.ToLower(), cancellationToken))
        {
            errors[nameof(input.Name)] = "Inventory.Recipient.NameTaken";
        }
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }

        var creating = input.Id == 0;
        Recipient recipient;
        object? before = null;
        if (creating)
        {
            recipient = new Recipient();
            db.Add(recipient);
        }
        else
        {
            var found = await db.Set<Recipient>().Include(r => r.Categories).SingleOrDefaultAsync(r => r.Id == input.Id, cancellationToken);
            if (found is null)
            {
                return InventorySave.Of(InventoryChange.NotFound);
            }
            // The audit record keeps the version the change started from.
            before = Snapshot(found);
            if (!db.TryClaim(found, input.Version))
            {
                return InventorySave.Of(InventoryChange.Conflict);
            }
            recipient = found;
        }
        recipient.Name = name;
        recipient.Type = input.Type;
        recipient.Region = input.Region;
        recipient.DeletionContact = contact;
        recipient.LegalBasis = input.LegalBasis;
        recipient.AgreementReference = agreement;
        recipient.IsActive = input.IsActive;
        InventoryRules.Replace(recipient.Categories, categories);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return InventorySave.Of(InventoryChange.Conflict);
        }
        catch (DbUpdateException)
        {
            if (!await NameTakenAsync(name, recipient.Id, cancellationToken))
            {
                throw;
            }
            // The unique index caught a name someone saved a moment ago.
            errors[nameof(input.Name)] = "Inventory.Recipient.NameTaken";
            return InventorySave.Invalid(errors);
        }
        await audit.RecordAsync(creating ? InventoryActions.RecipientCreated : InventoryActions.RecipientChanged, targetType: "recipient",
            targetId: InventoryActions.Id(recipient.Id), detail: new { before, after = Snapshot(recipient) }, cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, recipient.Id);
    }

    /// <summary>Deletes a recipient and its flows; one named in a disclosure stays (mark it inactive instead).</summary>
    public async Task<InventoryDelete> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recipient = await db.Set<Recipient>().Include(r => r.Categories).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recipient is null)
        {
            return InventoryDelete.Of(InventoryChange.NotFound);
        }
        if (!db.TryClaim(recipient, version))
        {
            return InventoryDelete.Of(InventoryChange.Conflict);
        }
        var disclosures = await db.Set<Disclosure>().CountAsync(d => d.RecipientId == id, cancellationToken);
        if (disclosures > 0)
        {
            return new InventoryDelete(InventoryChange.InUse, [new UsageEntry("Disclosures", [], disclosures)]);
        }
        var flows = await db.Set<DataFlow>().Where(f => f.RecipientId == id).Select(f => f.SystemId).ToListAsync(cancellationToken);
        var snapshot = new { recipient = Snapshot(recipient), flowsFromSystems = flows };
        db.Remove(recipient);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome == InventoryChange.Done)
        {
            await audit.RecordAsync(InventoryActions.RecipientDeleted, targetType: "recipient", targetId: InventoryActions.Id(id), detail: snapshot, cancellationToken: cancellationToken);
        }
        return InventoryDelete.Of(outcome);
    }

    public async Task<InventorySave> SaveFlowAsync(FlowInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var description = InventoryRules.Optional(errors, nameof(input.Description), input.Description, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<DataSystem>().AnyAsync(s => s.Id == input.SystemId, cancellationToken))
        {
            errors[nameof(input.SystemId)] = "Validation.Required";
        }
        if (!await db.Set<Recipient>().AnyAsync(r => r.Id == input.RecipientId, cancellationToken))
        {
            errors[nameof(input.RecipientId)] = "Validation.Required";
        }
        if (errors.IsValid && await db.Set<DataFlow>().AnyAsync(f => f.Id != input.Id && f.SystemId == input.SystemId && f.RecipientId == input.RecipientId, cancellationToken))
        {
            errors[nameof(input.SystemId)] = "Inventory.Flow.Exists";
        }
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }
        var creating = input.Id == 0;
        DataFlow flow;
        if (creating)
        {
            flow = new DataFlow();
            db.Add(flow);
        }
        else
        {
            var found = await db.Set<DataFlow>().SingleOrDefaultAsync(f => f.Id == input.Id, cancellationToken);
            if (found is null)
            {
                return InventorySave.Of(InventoryChange.NotFound);
            }
            if (!db.TryClaim(found, input.Version))
            {
                return InventorySave.Of(InventoryChange.Conflict);
            }
            flow = found;
        }
        flow.SystemId = input.SystemId;
        flow.RecipientId = input.RecipientId;
        flow.Description = description;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return InventorySave.Of(InventoryChange.Conflict);
        }
        catch (DbUpdateException) when (creating)
        {
            // The unique index caught the same flow saved a moment ago.
            errors[nameof(input.SystemId)] = "Inventory.Flow.Exists";
            return InventorySave.Invalid(errors);
        }
        await audit.RecordAsync(creating ? InventoryActions.FlowCreated : InventoryActions.FlowChanged, targetType: "data-flow", targetId: InventoryActions.Id(flow.Id),
            detail: new { systemId = flow.SystemId, recipientId = flow.RecipientId, version = flow.Version }, cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, flow.Id);
    }

    public async Task<InventoryChange> DeleteFlowAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flow = await db.Set<DataFlow>().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (flow is null)
        {
            return InventoryChange.NotFound;
        }
        if (!db.TryClaim(flow, version))
        {
            return InventoryChange.Conflict;
        }
        db.Remove(flow);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome == InventoryChange.Done)
        {
            await audit.RecordAsync(InventoryActions.FlowDeleted, targetType: "data-flow", targetId: InventoryActions.Id(id),
                detail: new { systemId = flow.SystemId, recipientId = flow.RecipientId }, cancellationToken: cancellationToken);
        }
        return outcome;
    }

    private async Task<bool> NameTakenAsync(string name, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Recipient>().AnyAsync(r => r.Id != id && r.Name.ToLower() == name.ToLower(), cancellationToken);
    }

    // The deletion contact is a mailbox and may name a person: it stays out of the audit trail.
    private static object Snapshot(Recipient r) => new
    {
        name = r.Name,
        type = r.Type.ToString(),
        region = r.Region,
        crossBorder = r.IsCrossBorder,
        legalBasis = r.LegalBasis.ToString(),
        agreement = r.AgreementReference,
        active = r.IsActive,
        categories = r.Categories.Select(c => c.Key).Order(StringComparer.Ordinal).ToArray(),
        version = r.Version,
    };
}
