using Microsoft.Extensions.Options;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Subjects;

[Collection(AppCollection.Name)]
public sealed class LookupKeyStartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public async Task The_portal_refuses_to_start_without_a_proper_lookup_key(string key)
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Subjects:LookupKey"] = key });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Subjects:LookupKey", error.Message);
    }
}
