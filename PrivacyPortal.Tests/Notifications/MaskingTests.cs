using PrivacyPortal.Shared;

namespace PrivacyPortal.Tests.Notifications;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "138****5678")]
    [InlineData("", "")]
    public void Phone_numbers_show_prefix_and_last_four(string value, string masked) => Assert.Equal(masked, Masking.Phone(value));

    [Theory]
    [InlineData("zhang.wei@example.com", "z***@example.com")]
    [InlineData("no-at-sign", "***")]
    public void Email_addresses_show_first_letter_and_domain(string value, string masked) => Assert.Equal(masked, Masking.Email(value));

    [Fact]
    public void Scrub_masks_addresses_and_mobiles_inside_free_text()
    {
        var scrubbed = Masking.Scrub("550 5.1.1 <li.na@example.test>: mailbox unavailable; call 13912345678");

        Assert.DoesNotContain("li.na", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", scrubbed, StringComparison.Ordinal);
        Assert.Contains("139****5678", scrubbed, StringComparison.Ordinal);
    }
}
