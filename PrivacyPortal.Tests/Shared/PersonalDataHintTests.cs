using PrivacyPortal.Shared;

namespace PrivacyPortal.Tests.Shared;

public sealed class PersonalDataHintTests
{
    [Theory]
    [InlineData("来电人手机 13812345678 要求回电", PersonalDataHint.Phone)]
    [InlineData("回拨 138 1234 5678", PersonalDataHint.Phone)]
    [InlineData("号码 139-0000-1111", PersonalDataHint.Phone)]
    [InlineData("请发到 caller@example.com", PersonalDataHint.Email)]
    [InlineData("Write to First.Last+cases@mail.example.org please", PersonalDataHint.Email)]
    [InlineData("身份证 11010519491231002X 已核对", PersonalDataHint.IdCard)]
    [InlineData("ID 110105194912310021", PersonalDataHint.IdCard)]
    public void What_looks_like_a_phone_number_an_email_or_an_ID_card_number_is_found(string text, string kind) =>
        Assert.Equal([kind], PersonalDataHint.Find(text));

    [Theory]
    [InlineData("")]
    [InlineData("来电要求删除其账号下的全部个人信息")]
    [InlineData("见案件 PR-2026-000001，主体 S-000001")]
    [InlineData("已向 138****5678 发送验证码")]
    [InlineData("订单号 2026120812345678901234 退款 12800 元")]
    [InlineData("400-820-1234 热线回访")]
    public void Case_numbers_masked_values_and_other_numbers_are_not_flagged(string text) =>
        Assert.Empty(PersonalDataHint.Find(text));
}
