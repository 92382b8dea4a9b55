# Tidies a page scdoc wrote so that `mandoc -T lint -W warning` has nothing to say:
# drops the paragraph macros (.P) that start no paragraph (right after a heading, or
# before a heading, another paragraph, the end of an indented block or the end of the
# page), and writes the page title of .TH in capitals, as man(7) pages have it.
/^\.TH / { $2 = toupper($2) }
$0 == ".P" {
    if (last !~ /^\.(SH|SS)( |$)/) {
        pending = 1
    }
    next
}
{
    if (pending && $0 !~ /^\.(SH|SS|PP|RE)( |$)/) {
        print ".P"
    }
    pending = 0
    print
    last = $0
}
