// extract.js OUT PAGE... - Readability.js with jsdom over saved pages,
// the reference bench/readability.sh measures newslens --import against.
//
// Each PAGE is a folder with source.html, as Mozilla Readability's test
// pages are.  Each is parsed and extracted as Readability's own tests do
// (jsdom with the page at http://fakehost/test/page.html, no scripts,
// nothing loaded) and the article written to OUT/NAME.html (its content)
// and OUT/NAME.json (its title and byline), NAME being the folder's
// name; tests/import/shingles --extracted OUT scores them.  A page with
// no article gets an empty NAME.html.  All pages go through one Node
// process, so that the loop shows Readability's time without Node's
// start.
"use strict";

const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const URL = "http://fakehost/test/page.html";

function extract(source) {
	// A quiet console: jsdom's complaints about pages' CSS are noise.
	const vc = new VirtualConsole();
	const dom = new JSDOM(source, { url: URL, virtualConsole: vc });
	const article = new Readability(dom.window.document).parse();

	dom.window.close();
	return article;
}

function main(argv) {
	if (argv.length < 2) {
		process.stderr.write("usage: node extract.js OUT PAGE...\n");
		return 2;
	}
	const out = argv[0];
	let failed = 0;

	fs.mkdirSync(out, { recursive: true });
	for (const page of argv.slice(1)) {
		const name = path.basename(path.resolve(page));
		let article = null;

		try {
			const source = fs.readFileSync(path.join(page,
			    "source.html"), "utf8");
			article = extract(source);
		} catch (e) {
			process.stderr.write(`extract.js: ${page}: ${e.message}\n`);
			failed++;
		}
		fs.writeFileSync(path.join(out, name + ".html"),
		    article && article.content ? article.content : "");
		fs.writeFileSync(path.join(out, name + ".json"), JSON.stringify({
			title: article ? article.title : null,
			byline: article ? article.byline : null,
		}));
	}
	return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
