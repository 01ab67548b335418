using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Staff;

[Collection(AppCollection.Name)]
public sealed class StaffServiceTests : IAsyncLifetime
{
    private readonly PortalAppFactory app = new();
    private AsyncServiceScope scope;

    private StaffService Staff => scope.ServiceProvider.GetRequiredService<StaffService>();

    public Task InitializeAsync()
    {
        scope = app.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await scope.DisposeAsync();
        await app.DisposeAsync();
    }

    private static NewStaffAccount Valid(string email = "li.na@portal.test") => new()
    {
        DisplayName = "李娜",
        Email = email,
        PhoneNumber = "138 0013 8000",
        Password = PortalHttp.Password,
        ConfirmPassword = PortalHttp.Password,
        Roles = [Roles.ComplianceOfficer],
    };

    private async Task<int> CountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync();
    }

    public static TheoryData<string, string> BadInput() => new()
    {
        { "DisplayName", "" },
        { "Email", "li.na@" },
        { "Email", "li na@portal.test" },
        { "PhoneNumber", "call me maybe" },
        { "Password", "eleven-char" },
        { "ConfirmPassword", "a different long password" },
        { "Roles", "Superuser" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_a_message_for_its_field_and_nothing_is_saved(string field, string value)
    {
        var input = Valid();
        switch (field)
        {
            case "DisplayName": input.DisplayName = value; break;
            case "Email": input.Email = value; break;
            case "PhoneNumber": input.PhoneNumber = value; break;
            case "Password": input.Password = value; input.ConfirmPassword = value; break;
            case "ConfirmPassword": input.ConfirmPassword = value; break;
            case "Roles": input.Roles = [value]; break;
        }

        var (errors, id) = await Staff.CreateAsync(input);

        Assert.Null(id);
        Assert.Equal([field], errors.Keys);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_refused()
    {
        Assert.NotNull((await Staff.CreateAsync(Valid())).Id);

        var (errors, id) = await Staff.CreateAsync(Valid("LI.NA@portal.test"));

        Assert.Null(id);
        Assert.Equal("Validation.EmailTaken", errors.For("Email"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_new_compliance_officer_gets_the_role_a_two_factor_due_date_and_an_audit_event()
    {
        var (_, id) = await Staff.CreateAsync(Valid());

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(id!);
        Assert.Equal([Roles.ComplianceOfficer], await users.GetRolesAsync(user!));
        Assert.True(user!.TwoFactorDueUtc > DateTime.UtcNow.AddDays(6));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var created = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.StaffCreated);
        Assert.Equal(id, created.TargetId);
        Assert.DoesNotContain("li.na", created.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_saves_nothing()
    {
        var (_, id) = await Staff.CreateAsync(Valid());
        var loaded = (await Staff.QueryAsync(new StaffQuery(null, 0, 10))).Items.Single();

        // A colleague changes the account first...
        Assert.Equal(StaffChange.Done, await Staff.SetRolesAsync(id!, [Roles.Auditor], loaded.ConcurrencyStamp));
        // ...then this officer saves from the copy loaded before.
        Assert.Equal(StaffChange.Conflict, await Staff.SetActiveAsync(id!, false, loaded.ConcurrencyStamp));

        var now = (await Staff.QueryAsync(new StaffQuery(null, 0, 10))).Items.Single();
        Assert.True(now.IsActive);
        Assert.Equal([Roles.Auditor], now.Roles);
    }

    [Fact]
    public async Task An_admin_cannot_grant_themselves_a_role_a_second_admin_can_and_the_refusal_is_in_the_trail()
    {
        var first = Valid("first.admin@portal.test");
        first.Roles = [Roles.Admin];
        var (_, firstId) = await Staff.CreateAsync(first);
        var second = Valid("second.admin@portal.test");
        second.Roles = [Roles.Admin];
        var (_, secondId) = await Staff.CreateAsync(second);
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        var row = (await Staff.QueryAsync(new StaffQuery(null, 0, 10))).Items.Single(r => r.Id == firstId);

        actor.ActingAs = firstId;
        Assert.Equal(StaffChange.SelfGrant, await Staff.SetRolesAsync(firstId!, [Roles.Admin, Roles.ComplianceOfficer], row.ConcurrencyStamp));
        Assert.Equal([Roles.Admin], (await Staff.QueryAsync(new StaffQuery(null, 0, 10))).Items.Single(r => r.Id == firstId).Roles);

        actor.ActingAs = secondId;
        Assert.Equal(StaffChange.Done, await Staff.SetRolesAsync(firstId!, [Roles.Admin, Roles.ComplianceOfficer], row.ConcurrencyStamp));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEvents.Where(e => e.Action == AuditActions.StaffRolesChanged && e.TargetId == firstId).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([firstId!, secondId!], changes.Select(e => e.ActorId).ToArray());
        Assert.Contains("self-grant", changes[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_lose_the_role()
    {
        var input = Valid();
        input.Roles = [Roles.Admin];
        var (_, id) = await Staff.CreateAsync(input);
        var row = (await Staff.QueryAsync(new StaffQuery(null, 0, 10))).Items.Single();

        Assert.Equal(StaffChange.LastAdmin, await Staff.SetActiveAsync(id!, false, row.ConcurrencyStamp));
        Assert.Equal(StaffChange.LastAdmin, await Staff.SetRolesAsync(id!, [Roles.Auditor], row.ConcurrencyStamp));

        var second = Valid("second.admin@portal.test");
        second.Roles = [Roles.Admin];
        await Staff.CreateAsync(second);
        Assert.Equal(StaffChange.Done, await Staff.SetActiveAsync(id!, false, row.ConcurrencyStamp));
    }

    [Fact]
    public async Task Search_sort_and_paging_happen_in_the_database()
    {
        foreach (var (name, i) in new[] { "王芳", "张伟", "李强", "赵敏", "陈静" }.Select((n, i) => (n, i)))
        {
            var input = Valid($"person{i}@portal.test");
            input.DisplayName = name;
            await Staff.CreateAsync(input);
        }

        var page = await Staff.QueryAsync(new StaffQuery(null, 1, 2, StaffSort.Email, Descending: true));
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["person2@portal.test", "person1@portal.test"], page.Items.Select(r => r.Email));

        var found = await Staff.QueryAsync(new StaffQuery("赵", 0, 10));
        Assert.Equal("赵敏", Assert.Single(found.Items).DisplayName);
    }
}
