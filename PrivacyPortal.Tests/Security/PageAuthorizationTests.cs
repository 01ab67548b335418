using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using PrivacyPortal.Security;

namespace PrivacyPortal.Tests.Security;

public sealed class PageAuthorizationTests
{
    private static readonly string[] AnonymousPages =
        ["LoginPage", "LoginWithTwoFactorPage", "LoginWithRecoveryCodePage", "LockoutPage", "SetupPage", "NotFoundPage", "ErrorPage", "NoticesPage", "DeliveryPage"];

    private static IEnumerable<Type> Pages() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_page_declares_a_policy_from_the_policies_file_or_is_one_of_the_few_anonymous_pages()
    {
        var policies = typeof(Policies).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            if (anonymous != AnonymousPages.Contains(page.Name))
            {
                problems.Add($"{page.Name}: anonymous={anonymous}");
            }
            if (!anonymous && (policy is null || !policies.Contains(policy)))
            {
                problems.Add($"{page.Name}: policy '{policy}'");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Routable_components_are_named_page()
    {
        Assert.All(Pages(), p => Assert.EndsWith("Page", p.Name, StringComparison.Ordinal));
    }
}
