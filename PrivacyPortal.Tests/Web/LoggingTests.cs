using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

[Collection(AppCollection.Name)]
public sealed class LoggingTests
{
    [Fact]
    public async Task The_log_file_never_holds_the_email_or_phone_of_people_the_portal_handled()
    {
        const string email = "wang.lei.7731@portal.test";
        const string phone = "13912345678";
        await using var app = new PortalAppFactory();
        var admin = await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        using (var scope = app.Services.CreateScope())
        {
            var (errors, _) = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaffAccount
            {
                DisplayName = "王磊",
                Email = email,
                PhoneNumber = phone,
                Password = PortalHttp.Password,
                ConfirmPassword = PortalHttp.Password,
                Roles = [Roles.CustomerService],
            });
            Assert.True(errors.IsValid);
        }
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email, "a wrong password here");
        await PortalHttp.SignInAsync(client, email);
        await client.GetAsync("/staff");
        await client.GetAsync($"/no-such-page?email={email}&phone={phone}");
        var adminClient = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(adminClient, admin.Email);
        await adminClient.GetAsync("/staff");

        var lines = app.LogLines().ToList();

        Assert.Contains(lines, l => l.Contains("HTTP GET /staff responded", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase) || l.Contains("wang.lei", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains(phone, StringComparison.Ordinal) || l.Contains("王磊", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(admin.Email, StringComparison.OrdinalIgnoreCase));
    }
}
