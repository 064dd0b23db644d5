//! Reads pages from files, folders, gzip, JSON Lines, WARC and stdin, and decodes them to text.
