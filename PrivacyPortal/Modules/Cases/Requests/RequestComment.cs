using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>A staff note on a case.</summary>
public sealed class RequestComment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public string AuthorId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime AtUtc { get; set; }
}

public sealed class RequestCommentConfiguration : IEntityTypeConfiguration<RequestComment>
{
    public void Configure(EntityTypeBuilder<RequestComment> e)
    {
        e.ToTable("RequestComments");
        e.HasIndex(x => new { x.RequestId, x.AtUtc });
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.Text).HasMaxLength(2000);
        e.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
