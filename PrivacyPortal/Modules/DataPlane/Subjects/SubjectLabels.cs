using MudBlazor;

namespace PrivacyPortal.Modules.DataPlane.Subjects;

public static class SubjectLabels
{
    public static string Icon(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Phone => Icons.Material.Outlined.Phone,
        IdentifierKind.Email => Icons.Material.Outlined.Email,
        _ => Icons.Material.Outlined.Badge,
    };
}
