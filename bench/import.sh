#!/usr/bin/env bash
# Import benchmark: a generated WordPress export of N posts (classic and block content, links
# between posts, captioned images, categories, tags, a few pages and attachments) imported by
# `masthead import --from wordpress` into a new site, with the uploads from --media-from.
#
#   bench/import.sh [N]        N posts, default 5000
#
# Goal (issue 20): 5,000 posts in <= 10 s; measured 1.0–1.4 s on a 2-core machine (20,000 posts:
# 5.0 s). Uses the release build (cargo build --release -p masthead-cli), or MASTHEAD_BIN.
set -euo pipefail
trap 'echo "bench/import.sh: failed at line $LINENO" >&2' ERR

N=${1:-5000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/masthead/target}
MASTHEAD=${MASTHEAD_BIN:-$CARGO_TARGET_DIR/release/masthead}
[[ -x $MASTHEAD ]] || { echo "Build it first: cargo build --release -p masthead-cli" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/uploads/2024/01"
for i in 1 2 3 4 5; do cp "$HERE/../tests/fixtures/import/wordpress/uploads/2023/05/field.png" "$work/uploads/2024/01/photo-$i.png"; done
cp "$HERE/../tests/fixtures/import/wordpress/uploads/2023/06/annual-report.pdf" "$work/uploads/2024/01/report.pdf"

python3 - "$N" "$work/export.xml" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
site = "https://bench.invalid"
cats = ["news", "events", "projects", "press"]
with open(out, "w") as f:
    f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><link>{site}</link>\n')
    f.write('<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>The Editor</wp:author_display_name></wp:author>\n')
    for c in cats:
        f.write(f'<wp:category><wp:category_nicename>{c}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{c.title()}</wp:cat_name></wp:category>\n')
    for i in range(1, 6):
        f.write(f'<item><title>Photo {i}</title><wp:post_id>{900000 + i}</wp:post_id><wp:post_type>attachment</wp:post_type>'
                f'<wp:attachment_url>{site}/wp-content/uploads/2024/01/photo-{i}.png</wp:attachment_url>'
                f'<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2024/01/photo-{i}.png</wp:meta_value></wp:postmeta>'
                f'<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Photo number {i}</wp:meta_value></wp:postmeta></item>\n')
    f.write(f'<item><title>Report</title><wp:post_id>900010</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>{site}/wp-content/uploads/2024/01/report.pdf</wp:attachment_url></item>\n')
    for i in range(1, n + 1):
        prev = max(1, i - 1)
        img = f'{site}/wp-content/uploads/2024/01/photo-{i % 5 + 1}-300x200.png'
        para = " ".join(["Clean water changes everything for the families of the valley."] * 6)
        if i % 2:
            body = (f'{para}\n\n[caption id="attachment_{i}" width="300"]<img src="{img}" alt="Photo"> A caption for post {i}[/caption]\n\n'
                    f'Read <a href="{site}/2024/01/post-{prev}/">the previous post</a> and <strong>our</strong> <em>report</em>:\n\n'
                    f'<a href="{site}/wp-content/uploads/2024/01/report.pdf">Annual report</a>\n\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>')
        else:
            body = (f'<!-- wp:heading --><h2>Post {i}</h2><!-- /wp:heading -->\n<!-- wp:paragraph --><p>{para} <a href="{site}/?p={prev}">Previous</a></p><!-- /wp:paragraph -->\n'
                    f'<!-- wp:image --><figure class="wp-block-image"><img src="{img}" alt="A photo"/><figcaption>Caption {i}</figcaption></figure><!-- /wp:image -->\n'
                    f'<!-- wp:table --><figure class="wp-block-table"><table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table></figure><!-- /wp:table -->')
        day = i % 28 + 1
        f.write(f'<item><title>Post number {i}</title><link>{site}/2024/01/post-{i}/</link><dc:creator>ed</dc:creator>'
                f'<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[Summary of post {i}.]]></excerpt:encoded>'
                f'<wp:post_id>{i}</wp:post_id><wp:post_date_gmt>2024-01-{day:02d} 10:00:00</wp:post_date_gmt><wp:post_name>post-{i}</wp:post_name>'
                f'<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="{cats[i % 4]}">{cats[i % 4]}</category>'
                f'<category domain="post_tag" nicename="tag-{i % 50}">Tag {i % 50}</category>'
                f'<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{900000 + i % 5 + 1}</wp:meta_value></wp:postmeta></item>\n')
    for i in range(1, 21):
        f.write(f'<item><title>Page {i}</title><link>{site}/page-{i}/</link><content:encoded>Page text {i}.</content:encoded><wp:post_id>{800000 + i}</wp:post_id>'
                f'<wp:post_name>page-{i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>\n')
    f.write('</channel></rss>\n')
PY
echo "export: $N posts, $(stat -c %s "$work/export.xml") bytes"
"$MASTHEAD" --site "$work/site" init >/dev/null
start=$(date +%s%3N)
"$MASTHEAD" --site "$work/site" import --from wordpress "$work/export.xml" --media-from "$work/uploads" --json >"$work/report.json"
end=$(date +%s%3N)
python3 - "$work/report.json" "$((end - start))" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"imported {r['articles']} articles, {r['pages']} pages, {r['media']} media, {r['redirects']} redirects; "
      f"{len(r['skipped'])} skipped, {len(r['warnings'])} warnings")
print(f"import: {r['ms']} ms in the import itself, {sys.argv[2]} ms for the whole command (goal: <= 10000 ms)")
PY
