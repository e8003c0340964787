using System.Text;
using PortMatrix.Catalog;
using PortMatrix.Model;

namespace PortMatrix.Sites;

/// <summary>A commented starting site file for some products, for <c>portmatrix init-site</c>.</summary>
public static class SiteTemplate
{
    public static string Write(IReadOnlyList<ProductRelease> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var sb = new StringBuilder();
        sb.Append("# Site file for PortMatrix (made by 'portmatrix init-site'). Replace the example\n");
        sb.Append("# addresses (documentation ranges) with yours, then run:\n");
        sb.Append("#   portmatrix compile site.yaml      # the rules, and what was left out and why\n");
        sb.Append("#   portmatrix rules site.yaml        # rendered for each firewall's target\n");
        sb.Append("site: my-site\n\n");
        sb.Append("products:                 # the catalog release used for each product\n");
        foreach (var r in releases)
        {
            sb.Append("  ").Append(r.Id).Append(": ").Append(YamlText.Quote(r.Release)).Append('\n');
        }

        sb.Append("\nzones:                    # every network once; only a /0 zone may contain others\n");
        sb.Append("  - { name: lan,      cidrs: [10.10.0.0/16] }\n");
        sb.Append("  - { name: clients,  cidrs: [10.20.0.0/16] }\n");
        sb.Append("  - { name: dmz,      cidrs: [192.0.2.0/24] }\n");
        sb.Append("  - { name: internet, cidrs: [0.0.0.0/0, \"::/0\"] }\n\n");
        sb.Append("hosts:                    # servers of ours and the roles they run\n");
        var octet = 10;
        foreach (var r in releases)
        {
            var main = MainRole(r);
            sb.Append("  - { name: ").Append(YamlText.Kebab(r.Product).Replace("-", "", StringComparison.Ordinal)).Append(", address: 10.10.1.").Append(octet++)
              .Append(", zone: lan, runs: [").Append(r.Id).Append(':').Append(main.Id).Append("] }   # ").Append(main.Name).Append('\n');
        }

        sb.Append("\nbind:                     # the other roles: a zone, a list of zones, or addresses\n");
        foreach (var r in releases)
        {
            var main = MainRole(r);
            foreach (var role in r.Roles.Where(x => x.Id != main.Id))
            {
                sb.Append("  # ").Append(r.Id).Append(':').Append(role.Id).Append(": clients").Append(new string(' ', Math.Max(1, 40 - r.Id.Length - role.Id.Length))).Append("# ").Append(role.Name).Append('\n');
            }
        }

        var features = releases.SelectMany(r => r.Features.Select(f => $"{r.Id}:{f}")).ToList();
        sb.Append("\nfeatures:                 # optional flows to switch on\n");
        if (features.Count == 0)
        {
            sb.Append("  []\n");
        }

        foreach (var f in features)
        {
            sb.Append("  # - ").Append(f).Append('\n');
        }

        if (features.Count > 0)
        {
            sb.Append("  []\n");
        }

        sb.Append("\nparameters:               # product parameters used in port formulas\n");
        var any = false;
        foreach (var r in releases)
        {
            foreach (var p in r.Parameters)
            {
                sb.Append("  ").Append(r.Id).Append(':').Append(p.Name).Append(": ").Append(p.Default).Append("   # ").Append(p.Meaning.Split('\n')[0]).Append('\n');
                any = true;
            }
        }

        if (!any)
        {
            sb.Append("  {}\n");
        }

        sb.Append("\nfirewalls:                # the zones each firewall separates, and its target ('portmatrix targets')\n");
        sb.Append("  - { name: edge, zones: [lan, clients, dmz, internet], target: nftables }\n");
        return sb.ToString();
    }

    /// <summary>The role most flows go to: usually the product's own server.</summary>
    private static Role MainRole(ProductRelease release) =>
        release.Roles
            .OrderByDescending(r => release.Flows.Count(f => f.To.Contains(r.Id)) + release.Flows.Count(f => f.From.Contains(r.Id)))
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .First();
}
