//! The page as a tree in one arena (a `Vec` of nodes linked by index), built
//! from the tokens with the HTML standard's most common repairs: void
//! elements, implied end tags (`p`, `li`, `dd`/`dt`, `td`/`tr`, `option`),
//! end tags that close the elements left open inside them.
//!
//! Because nodes live in a `Vec`, nothing here recurses: building, walking
//! and dropping a 100 000-deep page costs no stack. The tree is capped at
//! [`MAX_DEPTH`] levels (as browsers cap theirs): deeper elements become
//! children of the deepest open one, so end-tag matching stays linear.
//!
//! What the extractor needs from `<head>` (meta tags, canonical link,
//! JSON-LD, `<title>`, `<html lang>`, `<time datetime>`) is collected into
//! [`PageInfo`] while building; script and style content never enters the tree.

use std::borrow::Cow;

use super::entity;
use super::tokenizer::{Attr, Token, tokenize};

/// Deepest nesting kept in the tree.
pub const MAX_DEPTH: usize = 512;
/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;
/// No node (end of a sibling list, no parent).
pub const NONE: NodeId = u32::MAX;

/// Element names the extractor treats specially; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Root,
    A,
    Address,
    Article,
    Aside,
    Blockquote,
    Body,
    Br,
    Button,
    Caption,
    Center,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Header,
    Hgroup,
    Hr,
    Img,
    Input,
    Label,
    Li,
    Main,
    Math,
    Menu,
    Nav,
    Ol,
    Optgroup,
    Option,
    P,
    Pre,
    Section,
    Select,
    Summary,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Tfoot,
    Th,
    Thead,
    Time,
    Tr,
    Ul,
    Video,
    Audio,
    Canvas,
    Object,
    Picture,
    /// Inline formatting (`b`, `em`, `span`, ...): never a block of its own.
    Inline,
    /// Void elements not listed above (`meta`, `link`, `source`, ...).
    Void,
    Other,
}

impl Tag {
    fn from_name(name: &str) -> Tag {
        use Tag::*;
        match name {
            "a" => A,
            "address" => Address,
            "article" => Article,
            "aside" => Aside,
            "blockquote" => Blockquote,
            "body" => Body,
            "br" => Br,
            "button" => Button,
            "caption" => Caption,
            "center" => Center,
            "dd" => Dd,
            "details" => Details,
            "dialog" => Dialog,
            "div" => Div,
            "dl" => Dl,
            "dt" => Dt,
            "fieldset" => Fieldset,
            "figcaption" => Figcaption,
            "figure" => Figure,
            "footer" => Footer,
            "form" => Form,
            "h1" => H1,
            "h2" => H2,
            "h3" => H3,
            "h4" => H4,
            "h5" => H5,
            "h6" => H6,
            "header" => Header,
            "hgroup" => Hgroup,
            "hr" => Hr,
            "img" => Img,
            "input" => Input,
            "label" => Label,
            "li" => Li,
            "main" => Main,
            "math" => Math,
            "menu" => Menu,
            "nav" => Nav,
            "ol" => Ol,
            "optgroup" => Optgroup,
            "option" => Option,
            "p" => P,
            "pre" | "listing" => Pre,
            "section" => Section,
            "select" => Select,
            "summary" => Summary,
            "svg" => Svg,
            "table" => Table,
            "tbody" => Tbody,
            "td" => Td,
            "template" => Template,
            "tfoot" => Tfoot,
            "th" => Th,
            "thead" => Thead,
            "time" => Time,
            "tr" => Tr,
            "ul" | "dir" => Ul,
            "video" => Video,
            "audio" => Audio,
            "canvas" => Canvas,
            "object" => Object,
            "picture" => Picture,
            "b" | "i" | "em" | "strong" | "span" | "small" | "big" | "sup" | "sub" | "u" | "s" | "strike" | "q"
            | "cite" | "abbr" | "mark" | "font" | "code" | "kbd" | "samp" | "var" | "dfn" | "ins" | "del" | "tt"
            | "bdi" | "bdo" | "nobr" | "data" | "acronym" => Inline,
            "area" | "base" | "col" | "embed" | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr"
            | "basefont" | "bgsound" | "frame" | "image" => Void,
            _ => Other,
        }
    }

    /// Elements that hold no content.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img | Tag::Input | Tag::Void)
    }

    /// Elements whose start closes an open `p` (the standard's list).
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
        )
    }

    /// Containers that implied end tags do not reach across.
    fn is_scope_boundary(self) -> bool {
        matches!(self, Tag::Root | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Template | Tag::Button)
    }

    /// The standard's "special" elements, where a search for an open `li`
    /// (or `dd`/`dt`) stops.
    fn is_special(self) -> bool {
        !matches!(self, Tag::Inline | Tag::A | Tag::Other | Tag::Div | Tag::P | Tag::Address | Tag::Time | Tag::Label)
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }
}

/// Element flags.
pub const HIDDEN: u8 = 1;

/// One node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    pub data: NodeData,
}

#[derive(Clone, Debug)]
pub enum NodeData {
    Element {
        tag: Tag,
        /// Lowercased `id`, `class`, `itemprop`, `role` values and, for
        /// unknown elements, the tag name: what class/id cues are matched on.
        hints: Box<str>,
        /// [`HIDDEN`] when the element is hidden (`hidden`, `aria-hidden`,
        /// `display:none`).
        flags: u8,
    },
    /// A byte range of [`Dom::text`].
    Text { start: u32, end: u32 },
}

/// What the page says about itself, gathered while building the tree.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<title>` text.
    pub title: Option<String>,
    /// `<meta>` tags as (`name`/`property`/`itemprop`, `content`), key lowercased.
    pub metas: Vec<(String, String)>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `datetime` of `<time>` elements and `itemprop=datePublished` values,
    /// with whether they were marked as the publication date.
    pub times: Vec<(String, bool)>,
}

/// The page tree.
#[derive(Clone, Debug, Default)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Decoded text of all text nodes.
    pub text: String,
    pub info: PageInfo,
}

impl Dom {
    /// Parses `html`. Never fails: broken markup gives some tree.
    pub fn parse(html: &str) -> Dom {
        let mut builder = Builder::new(html.len());
        tokenize(html, |token| builder.token(token));
        builder.dom
    }

    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match &self.nodes.get(id as usize)?.data {
            NodeData::Element { tag, .. } => Some(*tag),
            NodeData::Text { .. } => None,
        }
    }

    pub fn hints(&self, id: NodeId) -> &str {
        match &self.nodes[id as usize].data {
            NodeData::Element { hints, .. } => hints,
            NodeData::Text { .. } => "",
        }
    }

    /// The text of a text node ("" for elements).
    pub fn node_text(&self, id: NodeId) -> &str {
        match self.nodes[id as usize].data {
            NodeData::Text { start, end } => self.text.get(start as usize..end as usize).unwrap_or(""),
            NodeData::Element { .. } => "",
        }
    }

    /// Children of `id`, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut next = self.nodes[id as usize].first_child;
        std::iter::from_fn(move || {
            let current = next;
            if current == NONE {
                return None;
            }
            next = self.nodes[current as usize].next_sibling;
            Some(current)
        })
    }

    /// The nodes under `id` (not `id` itself) in document order. Nodes are
    /// created in document order and a subtree is a contiguous index range,
    /// so this is a slice, not a walk.
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id + 1..self.subtree_end(id)
    }

    /// One past the last index of `id`'s subtree.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut n = id;
        loop {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            if node.parent == NONE {
                return self.nodes.len() as NodeId;
            }
            n = node.parent;
        }
    }

    /// Collapsed text of the subtree (for short things: headings, titles,
    /// embeds), with a space where a block element starts or ends.
    pub fn collapsed_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut last_block = NONE;
        for n in self.descendants(id) {
            let text = self.node_text(n);
            if text.is_empty() {
                continue;
            }
            let block = self.block_ancestor(n, id);
            if block != last_block && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            last_block = block;
            push_collapsed(&mut out, text);
        }
        out.trim_end().to_string()
    }

    /// The nearest ancestor of `n` that is a block element, up to `limit`.
    fn block_ancestor(&self, n: NodeId, limit: NodeId) -> NodeId {
        let mut a = self.nodes[n as usize].parent;
        while a != NONE && a != limit {
            if self.tag(a).is_some_and(|t| !matches!(t, Tag::Inline | Tag::A | Tag::Time | Tag::Label | Tag::Other)) {
                return a;
            }
            a = self.nodes[a as usize].parent;
        }
        limit
    }
}

/// Appends `text` with runs of whitespace as one space (none at the start).
pub fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

struct Builder {
    dom: Dom,
    /// Open elements: (node, tag). The root is at the bottom and never popped.
    stack: Vec<(NodeId, Tag)>,
    /// Inside a raw-text element: which one (its text is not tree text).
    raw: Option<RawContext>,
    seen_html: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum RawContext {
    Title,
    JsonLd,
    Ignored,
}

impl Builder {
    fn new(len: usize) -> Builder {
        let root = Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: NodeData::Element { tag: Tag::Root, hints: "".into(), flags: 0 },
        };
        let mut nodes = Vec::with_capacity(len / 40 + 1);
        nodes.push(root);
        Builder {
            dom: Dom { nodes, text: String::with_capacity(len / 4), info: PageInfo::default() },
            stack: vec![(0, Tag::Root)],
            raw: None,
            seen_html: false,
        }
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::Start { name, attrs, self_closing } => self.start(&name, &attrs, self_closing),
            Token::End { name } => self.end(&name),
            Token::Text { raw, decode } => self.text(raw, decode),
        }
    }

    fn start(&mut self, name: &str, attrs: &[Attr], self_closing: bool) {
        match name {
            "html" => {
                if !self.seen_html {
                    self.seen_html = true;
                    self.dom.info.lang = attr(attrs, "lang").or_else(|| attr(attrs, "xml:lang")).map(str::to_string);
                }
                return;
            }
            "head" | "body" => return,
            "title" => {
                self.raw = Some(if self.dom.info.title.is_none() { RawContext::Title } else { RawContext::Ignored });
                return;
            }
            "script" => {
                let json_ld = attr(attrs, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                self.raw = Some(if json_ld { RawContext::JsonLd } else { RawContext::Ignored });
                return;
            }
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "textarea" | "plaintext" => {
                self.raw = Some(RawContext::Ignored);
                return;
            }
            "meta" => self.meta(attrs),
            "link" => {
                let canonical = attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if canonical && self.dom.info.canonical.is_none() {
                    self.dom.info.canonical = attr(attrs, "href").map(|h| h.trim().to_string());
                }
            }
            _ => {}
        }
        let tag = Tag::from_name(name);
        if let Some(itemprop) = attr(attrs, "itemprop") {
            let published = itemprop.eq_ignore_ascii_case("datePublished");
            if (published || tag == Tag::Time)
                && let Some(value) = attr(attrs, "datetime").or_else(|| attr(attrs, "content"))
            {
                self.dom.info.times.push((value.to_string(), published));
            }
        } else if tag == Tag::Time
            && let Some(value) = attr(attrs, "datetime")
        {
            self.dom.info.times.push((value.to_string(), false));
        }
        self.implied_end_tags(tag);
        let hints = hints(tag, name, attrs);
        let flags = if is_hidden(attrs) { HIDDEN } else { 0 };
        let id = self.append(NodeData::Element { tag, hints, flags });
        if !tag.is_void() && !self_closing_void(tag, self_closing) && self.stack.len() < MAX_DEPTH {
            self.stack.push((id, tag));
        }
    }

    fn end(&mut self, name: &str) {
        if self.raw.take().is_some() {
            return;
        }
        let tag = Tag::from_name(name);
        match tag {
            Tag::Body | Tag::Root => return,
            Tag::Br => {
                self.append(NodeData::Element { tag: Tag::Br, hints: "".into(), flags: 0 });
                return;
            }
            _ => {}
        }
        if matches!(name, "html" | "head") {
            return;
        }
        // Close the nearest open element of that name, and what is open in
        // it; do not reach across table cells (a stray `</div>` in a cell).
        let named = |n: NodeId, t: Tag| t == tag && (tag != Tag::Other || self.name_is(n, name));
        for i in (1..self.stack.len()).rev() {
            let (n, t) = self.stack[i];
            if named(n, t) {
                self.stack.truncate(i);
                return;
            }
            if t.is_scope_boundary() && !matches!(tag, Tag::Table | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot) {
                return;
            }
        }
    }

    fn name_is(&self, n: NodeId, name: &str) -> bool {
        // Unknown elements keep their name as the first hint word.
        let hints = self.dom.hints(n);
        hints.split(' ').next() == Some(name)
    }

    fn text(&mut self, raw: &str, decode: bool) {
        match self.raw {
            Some(RawContext::Title) => {
                let mut title = String::new();
                push_collapsed(&mut title, &entity::decode(raw, false));
                let title = title.trim().to_string();
                if !title.is_empty() {
                    self.dom.info.title = Some(title);
                }
                return;
            }
            Some(RawContext::JsonLd) => {
                self.dom.info.json_ld.push(raw.to_string());
                return;
            }
            Some(RawContext::Ignored) => return,
            None => {}
        }
        // Merge with a text node just before (text split by a stray `<`);
        // otherwise keep nodes apart in the buffer so that a scan of the
        // whole page text does not read "Titre" and "Publié" as one word.
        let parent = self.current();
        let last = self.dom.nodes[parent as usize].last_child;
        let merge = last != NONE
            && matches!(self.dom.nodes[last as usize].data, NodeData::Text { end, .. } if end as usize == self.dom.text.len());
        if !merge && !self.dom.text.is_empty() {
            self.dom.text.push('\n');
        }
        let start = self.dom.text.len();
        if decode && raw.contains('&') {
            entity::decode_into(raw, false, &mut self.dom.text);
        } else {
            self.dom.text.push_str(raw);
        }
        let end = self.dom.text.len();
        if end == start || end > u32::MAX as usize {
            self.dom.text.truncate(start);
            return;
        }
        if merge && let NodeData::Text { end: last_end, .. } = &mut self.dom.nodes[last as usize].data {
            *last_end = end as u32;
            return;
        }
        self.append(NodeData::Text { start: start as u32, end: end as u32 });
    }

    fn meta(&mut self, attrs: &[Attr]) {
        let key = attr(attrs, "property").or_else(|| attr(attrs, "name")).or_else(|| attr(attrs, "itemprop"));
        if let (Some(key), Some(content)) = (key, attr(attrs, "content")) {
            self.dom.info.metas.push((key.trim().to_ascii_lowercase(), content.trim().to_string()));
        }
    }

    fn current(&self) -> NodeId {
        self.stack.last().map_or(0, |&(n, _)| n)
    }

    fn append(&mut self, data: NodeData) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len() as NodeId;
        let last = self.dom.nodes[parent as usize].last_child;
        self.dom.nodes.push(Node { parent, first_child: NONE, last_child: NONE, next_sibling: NONE, data });
        if last == NONE {
            self.dom.nodes[parent as usize].first_child = id;
        } else {
            self.dom.nodes[last as usize].next_sibling = id;
        }
        self.dom.nodes[parent as usize].last_child = id;
        id
    }

    /// Pops what the start of `tag` closes.
    fn implied_end_tags(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close_in_scope(|t| t == Tag::P, |t| t.is_scope_boundary());
        }
        match tag {
            Tag::Li => self.close_in_scope(|t| t == Tag::Li, |t| t.is_special() && t != Tag::Li),
            Tag::Dd | Tag::Dt => self.close_in_scope(
                |t| matches!(t, Tag::Dd | Tag::Dt),
                |t| t.is_special() && !matches!(t, Tag::Dd | Tag::Dt),
            ),
            Tag::Tr => self.close_in_scope(|t| t == Tag::Tr, |t| t == Tag::Table || t == Tag::Root),
            Tag::Td | Tag::Th => self
                .close_in_scope(|t| matches!(t, Tag::Td | Tag::Th), |t| matches!(t, Tag::Tr | Tag::Table | Tag::Root)),
            Tag::A => self.close_in_scope(|t| t == Tag::A, |t| t.is_scope_boundary()),
            Tag::Option | Tag::Optgroup => self.close_in_scope(|t| t == Tag::Option, |t| t != Tag::Option),
            t if t.is_heading() && self.stack.last().is_some_and(|&(_, top)| top.is_heading()) => {
                self.stack.pop();
            }
            _ => {}
        }
    }

    /// Pops up to and including the nearest open element matching `target`,
    /// unless an element matching `stop` comes first.
    fn close_in_scope(&mut self, target: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) {
        for i in (1..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if target(t) {
                self.stack.truncate(i);
                return;
            }
            if stop(t) {
                return;
            }
        }
    }
}

fn self_closing_void(tag: Tag, self_closing: bool) -> bool {
    // `<div/>` is an open div in HTML, but `<svg/>`-style self-closing on
    // foreign or unknown elements is meant as empty.
    self_closing && matches!(tag, Tag::Svg | Tag::Math | Tag::Other)
}

fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_ref())
}

fn hints(tag: Tag, name: &str, attrs: &[Attr]) -> Box<str> {
    let hinting = |n: &str, v: &str| {
        matches!(n, "id" | "class" | "itemprop" | "role" | "data-component" | "data-testid") && !v.is_empty()
    };
    // The exact length (values, a '-' before each capital, spaces between),
    // so the string is allocated once and not shrunk.
    let base = if tag == Tag::Other { name.len() } else { 0 };
    let (count, chars) = attrs.iter().filter(|(n, v)| hinting(n, v)).fold((0usize, 0usize), |(c, l), (_, v)| {
        (c + 1, l + v.len() + v.bytes().filter(u8::is_ascii_uppercase).count())
    });
    let spaces = if base > 0 { count } else { count.saturating_sub(1) };
    let mut out = String::with_capacity(base + chars + spaces);
    if tag == Tag::Other {
        out.push_str(name);
    }
    for (n, v) in attrs {
        if hinting(n, v) {
            if !out.is_empty() {
                out.push(' ');
            }
            // Keep camelCase boundaries visible to the cue matcher.
            for c in v.chars() {
                if c.is_ascii_uppercase() {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
        }
    }
    out.into_boxed_str()
}

fn is_hidden(attrs: &[Attr]) -> bool {
    attrs.iter().any(|(n, v): &(Cow<str>, Cow<str>)| match n.as_ref() {
        "hidden" => true,
        "aria-hidden" => v.eq_ignore_ascii_case("true"),
        "style" => {
            let s: String = v.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: NodeId, out: &mut String) {
        // Test helper: recursion is fine on the small trees used here.
        for c in dom.children(id) {
            match dom.tag(c) {
                Some(t) => {
                    out.push_str(&format!("{t:?}("));
                    outline(dom, c, out);
                    out.push(')');
                }
                None => out.push_str(&format!("{:?}", dom.node_text(c))),
            }
        }
    }

    fn tree(html: &str) -> String {
        let dom = Dom::parse(html);
        let mut out = String::new();
        outline(&dom, 0, &mut out);
        out
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), r#"P("a")P("b")Div("c")"#);
        assert_eq!(tree("<ul><li>a<li>b</ul>"), r#"Ul(Li("a")Li("b"))"#);
        assert_eq!(tree("<div><b>x</div>y"), r#"Div(Inline("x"))"y""#);
        assert_eq!(tree("<table><tr><td>a<td>b<tr><td>c</table>"), r#"Table(Tr(Td("a")Td("b"))Tr(Td("c")))"#);
    }

    #[test]
    fn stray_end_tags_do_not_leave_cells() {
        assert_eq!(tree("<table><tr><td><p>a</div>b</td></tr></table>"), r#"Table(Tr(Td(P("ab"))))"#);
    }

    #[test]
    fn head_goes_to_info_not_text() {
        let dom = Dom::parse(
            r#"<html lang="fr"><head><title>T &amp; U</title><meta property="og:title" content="OG">
            <script type="application/ld+json">{"a":1}</script><script>var x="<p>no</p>";</script>
            <style>p{}</style></head><body><p>Texte <time datetime="2020-10-28">hier</time></p></body></html>"#,
        );
        assert_eq!(dom.info.lang.as_deref(), Some("fr"));
        assert_eq!(dom.info.title.as_deref(), Some("T & U"));
        assert_eq!(dom.info.metas, vec![("og:title".to_string(), "OG".to_string())]);
        assert_eq!(dom.info.json_ld, vec![r#"{"a":1}"#.to_string()]);
        assert_eq!(dom.info.times, vec![("2020-10-28".to_string(), false)]);
        assert!(!dom.text.contains("no") && !dom.text.contains("p{}"));
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert_eq!(dom.nodes.len(), 100_002);
        assert_eq!(dom.collapsed_text(0), "x");
    }

    #[test]
    fn subtree_is_an_index_range() {
        let dom = Dom::parse("<div><p>a</p><p>b</p></div><p>c</p>");
        assert_eq!(dom.descendants(1), 2..6);
        assert_eq!(dom.collapsed_text(1), "a b");
    }
}
