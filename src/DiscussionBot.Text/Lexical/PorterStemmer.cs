namespace DiscussionBot.Text.Lexical;

/// <summary>The Porter (1980) suffix-stripping stemmer, used for matching only: stems are never shown to readers.</summary>
internal static class PorterStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 2)
        {
            return word;
        }

        var w = new Word(word.ToCharArray());
        w.Step1Ab();
        if (w.K > 0)
        {
            w.Step1C();
            w.Step2();
            w.Step3();
            w.Step4();
            w.Step5();
        }

        return new string(w.B, 0, w.K + 1);
    }

    private sealed class Word(char[] b)
    {
        private int _j;

        public char[] B { get; } = b;

        public int K { get; private set; } = b.Length - 1;

        public void Step1Ab()
        {
            if (B[K] == 's')
            {
                if (Ends("sses"))
                {
                    K -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (B[K - 1] != 's')
                {
                    K--;
                }
            }

            if (Ends("eed"))
            {
                if (M() > 0)
                {
                    K--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleC(K))
                {
                    K--;
                    char ch = B[K];
                    if (ch is 'l' or 's' or 'z')
                    {
                        K++;
                    }
                }
                else if (M() == 1 && Cvc(K))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem())
            {
                B[K] = 'i';
            }
        }

        public void Step2()
        {
            if (K == 0)
            {
                return;
            }

            switch (B[K - 1])
            {
                case 'a':
                    _ = R("ational", "ate") || R("tional", "tion");
                    break;
                case 'c':
                    _ = R("enci", "ence") || R("anci", "ance");
                    break;
                case 'e':
                    _ = R("izer", "ize");
                    break;
                case 'l':
                    _ = R("bli", "ble") || R("alli", "al") || R("entli", "ent") || R("eli", "e") || R("ousli", "ous");
                    break;
                case 'o':
                    _ = R("ization", "ize") || R("ation", "ate") || R("ator", "ate");
                    break;
                case 's':
                    _ = R("alism", "al") || R("iveness", "ive") || R("fulness", "ful") || R("ousness", "ous");
                    break;
                case 't':
                    _ = R("aliti", "al") || R("iviti", "ive") || R("biliti", "ble");
                    break;
                case 'g':
                    _ = R("logi", "log");
                    break;
            }
        }

        public void Step3()
        {
            switch (B[K])
            {
                case 'e':
                    _ = R("icate", "ic") || R("ative", string.Empty) || R("alize", "al");
                    break;
                case 'i':
                    _ = R("iciti", "ic");
                    break;
                case 'l':
                    _ = R("ical", "ic") || R("ful", string.Empty);
                    break;
                case 's':
                    _ = R("ness", string.Empty);
                    break;
            }
        }

        public void Step4()
        {
            if (K == 0)
            {
                return;
            }

            bool found = B[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && (B[_j] == 's' || B[_j] == 't')) || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (found && M() > 1)
            {
                K = _j;
            }
        }

        public void Step5()
        {
            _j = K;
            if (B[K] == 'e')
            {
                int a = M();
                if (a > 1 || (a == 1 && !Cvc(K - 1)))
                {
                    K--;
                }
            }

            if (B[K] == 'l' && DoubleC(K) && M() > 1)
            {
                K--;
            }
        }

        private bool Cons(int i) => B[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Cons(i - 1),
            _ => true,
        };

        private int M()
        {
            int n = 0;
            int i = 0;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!Cons(i))
                {
                    break;
                }

                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (Cons(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (!Cons(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
            }
        }

        private bool VowelInStem()
        {
            for (int i = 0; i <= _j; i++)
            {
                if (!Cons(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool DoubleC(int j) => j >= 1 && B[j] == B[j - 1] && Cons(j);

        private bool Cvc(int i)
        {
            if (i < 2 || !Cons(i) || Cons(i - 1) || !Cons(i - 2))
            {
                return false;
            }

            char ch = B[i];
            return ch is not ('w' or 'x' or 'y');
        }

        private bool Ends(string s)
        {
            int l = s.Length;
            int o = K - l + 1;
            if (o < 0)
            {
                return false;
            }

            for (int i = 0; i < l; i++)
            {
                if (B[o + i] != s[i])
                {
                    return false;
                }
            }

            _j = K - l;
            return true;
        }

        private void SetTo(string s)
        {
            int l = s.Length;
            int o = _j + 1;
            for (int i = 0; i < l; i++)
            {
                B[o + i] = s[i];
            }

            K = _j + l;
        }

        private bool R(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            if (M() > 0)
            {
                SetTo(replacement);
            }

            return true;
        }
    }
}
