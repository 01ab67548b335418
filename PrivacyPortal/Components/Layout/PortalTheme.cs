using MudBlazor;

namespace PrivacyPortal.Components.Layout;

public static class PortalTheme
{
    private static readonly string[] Fonts = ["Roboto", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#5c6b7a",
            Tertiary = "#2e7d6b",
            // Darker than MudBlazor's defaults so status chips and alert text reach WCAG AA (4.5:1) on white.
            Success = "#2e7d32",
            Warning = "#9a5b00",
            Error = "#c62828",
            Info = "#1565c0",
            AppbarBackground = "#1f5f8b",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6fb3e0",
            Secondary = "#9fb0c0",
            Tertiary = "#5cc2a8",
            AppbarBackground = "#1b2430",
            AppbarText = "#e3e9ef",
            PrimaryContrastText = "#0d1a26",
            Background = "#12171e",
            Surface = "#1b2430",
            DrawerBackground = "#161d26",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
