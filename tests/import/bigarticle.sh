#!/bin/sh
# bigarticle.sh - writes a plain-text article of about SIZE bytes
# (default 10 MB) to standard output, for timing --import:
#
#   tests/import/bigarticle.sh > big.txt
#   time ./src/newslens --import big.txt -o /dev/null
#
# The paragraphs are made from the seed's sentences with thousands of
# distinct names (first name x surname x organisation), quotes with
# attributions, claims and a "Read more" line every 25 paragraphs, so
# that every step of the importer has work, and the number of names
# grows with the size.  Deterministic: the same SIZE gives the same
# article.
set -u
SIZE=${1:-10485760}
awk -v size="$SIZE" 'BEGIN {
	srand(1);
	nf = split("Brandon Matt Donald Priya Tom Maria Paul James Jane " \
	    "Amina Chen Olga Pedro Yusuf Ingrid Kwame Sofia Hiro Lena " \
	    "Rafael", first, " ");
	ns = split("Lewis Pottinger Trump Shah Ellis Alvarez Wheelhouse " \
	    "Stockan Reid Okafor Zhang Petrova Silva Demir Larsen Mensah " \
	    "Rossi Tanaka Novak Costa Haddad Moreau Kowalski Nakamura " \
	    "Fischer Dubois Ivanova Santos Nguyen Walsh", sur, " ");
	no = split("Huawei Reuters Northwind Brookfield Acme Globex " \
	    "Initech Umbrella Stark Wayne Cyberdyne Tyrell Soylent Hooli " \
	    "Vandelay", org, " ");
	print "Sunday 12 January 2020 5:06 pm";
	print "";
	print "A very long article about talks on telecoms equipment";
	print "";
	n = 0; bytes = 0;
	while (bytes < size) {
		n++;
		a = first[int(rand() * nf) + 1] " " sur[int(rand() * ns) + 1] \
		    " " (int(n / 50) % 97);
		b = sur[int(rand() * ns) + 1];
		o = org[int(rand() * no) + 1] " Group " (n % 211);
		k = n % 5;
		if (k == 0)
			p = "US officials are gearing up for a final attempt " \
			    "to persuade the government to block " o " from " \
			    "building the UK’s 5G network, " a " said.";
		else if (k == 1)
			p = "“The security and resilience of the networks is " \
			    "of paramount importance,” said " a ", a " \
			    "spokesperson for " o ". “A decision will be made " \
			    "in due course.”";
		else if (k == 2)
			p = o " has always denied allegations of wrongdoing, " \
			    "and has accused the US of launching a campaign " \
			    "against it, according to " a ".";
		else if (k == 3)
			p = "Security minister " a " told the BBC today that " \
			    "a decision would be taken “relatively soon”, " \
			    "while " b " warned that the firms would need " \
			    "clarity over the government’s position.";
		else
			p = "The row over " o " has proved a key battleground " \
			    "in the trade war between the US and China. " \
			    "However, it has also threatened to derail the " \
			    "special relationship between London and " \
			    "Washington, " b " said.";
		print p;
		print "";
		bytes += length(p) + 2;
		if (n % 25 == 0) {
			print "Read more: " o " predicts a difficult year";
			print "";
		}
	}
}'
