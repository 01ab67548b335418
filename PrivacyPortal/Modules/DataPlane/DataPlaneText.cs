namespace PrivacyPortal.Modules.DataPlane;

/// <summary>The UI text of the DataPlane module (DataPlaneText.resx, DataPlaneText.zh-CN.resx beside it).</summary>
public sealed class DataPlaneText;
