using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Staff;

/// <summary>Length alone is not enough: common passwords and ones made of the account's own name or address are refused everywhere a password is set.</summary>
[Collection(AppCollection.Name)]
public sealed class PasswordRulesTests : IAsyncLifetime
{
    private const string Email = "zhou.jianguo@portal.test";

    private readonly PortalAppFactory app = new();
    private AsyncServiceScope scope;

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

    private async Task<int> CountAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync();
    }

    public static TheoryData<string, string> Weak() => new()
    {
        { "aaaaaaaaaaaa", PasswordRules.CommonKey },
        { "123456789012", PasswordRules.CommonKey },
        { "Password2026!", PasswordRules.CommonKey },
        { "qwertyuiop123", PasswordRules.CommonKey },
        { "1qaz2wsx3edc4rfv", PasswordRules.CommonKey },
        { "woaini5201314", PasswordRules.CommonKey },
        { Email, PasswordRules.PersonalKey },
        { "ZhouJianguo2026", PasswordRules.PersonalKey },
        { "jianguo.zhou!!", PasswordRules.PersonalKey },
    };

    [Theory]
    [MemberData(nameof(Weak))]
    public async Task A_weak_password_is_refused_at_first_run_setup_with_the_reason(string password, string reason)
    {
        var (errors, id) = await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(new SetupInput
        {
            DisplayName = "周建国",
            Email = Email,
            Password = password,
            ConfirmPassword = password,
        });

        Assert.Null(id);
        Assert.Equal(reason, errors["Password"]);
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [MemberData(nameof(Weak))]
    public async Task A_weak_password_is_refused_for_a_new_staff_account_and_when_changed(string password, string reason)
    {
        var (errors, id) = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaffAccount
        {
            DisplayName = "周建国",
            Email = Email,
            Password = password,
            ConfirmPassword = password,
            Roles = [Roles.Auditor],
        });
        Assert.Null(id);
        Assert.Equal(reason, errors["Password"]);

        // Identity's own validator: the security page's password change goes through it.
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = Email, Email = Email, DisplayName = "周建国", CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, PortalHttp.Password)).Succeeded);
        var changed = await users.ChangePasswordAsync(user, PortalHttp.Password, password);
        Assert.False(changed.Succeeded);
        Assert.Contains(changed.Errors, e => e.Code == (reason == PasswordRules.CommonKey ? PasswordRules.CommonCode : PasswordRules.PersonalCode));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("zhou likes 7 green teapots")]
    [InlineData("晚风吹过西湖的第三座石桥")]
    public void A_long_password_of_ones_own_passes(string password) =>
        Assert.Null(PasswordRules.Check(password, Email, "周建国"));
}
