"""Short letters and statements written for the script evaluation, one per language.

Written by the team for this evaluation (the held-out set's text); the tuning set draws its
words from the PyPI package `wordfreq` instead, so the two sets share neither text nor fonts.
"""

TEXTS = {
    "nld": "Geachte heer, hierbij bevestigen wij dat uw aanvraag voor een verblijfsvergunning op 12 maart is ontvangen. "
           "U wordt binnen acht weken uitgenodigd voor een gesprek. Neem uw paspoort en de originele geboorteakte mee. "
           "Heeft u vragen, bel dan op werkdagen tussen negen en vijf uur.",
    "eng": "Dear Sir or Madam, I am writing to confirm that my brother lived with me in the city from 2015 until 2019. "
           "He worked at the market every morning and attended evening classes twice a week. "
           "I am willing to answer any further questions about our family.",
    "fra": "Je soussigné certifie que Madame Amina vit à mon domicile depuis le mois de janvier. "
           "Elle participe aux frais du ménage et reçoit son courrier à cette adresse. "
           "Cette attestation est établie pour servir et valoir ce que de droit.",
    "deu": "Hiermit bestätige ich, dass Herr Yusuf seit drei Jahren in unserem Betrieb als Lagerarbeiter beschäftigt ist. "
           "Seine Arbeitszeit beträgt vierzig Stunden pro Woche. Wir sind mit seiner Leistung sehr zufrieden "
           "und möchten das Arbeitsverhältnis gerne fortsetzen.",
    "tur": "Bu belge, Ahmet Yılmaz'ın 2010 yılından bu yana şirketimizde çalıştığını göstermek için düzenlenmiştir. "
           "Kendisi düzenli olarak işe gelmiş ve görevlerini başarıyla yerine getirmiştir. "
           "Aylık maaşı banka hesabına ödenmektedir.",
    "rus": "Настоящим подтверждаю, что мой сын проживал вместе со мной в городе до весны прошлого года. "
           "Он учился в техникуме и работал по выходным на рынке. "
           "После начала войны он был вынужден покинуть страну.",
    "ukr": "Цим засвідчую, що моя донька навчалася у місцевій школі з першого по дев'ятий клас. "
           "Вона отримувала добрі оцінки та брала участь у шкільних змаганнях. "
           "Довідку видано для подання за місцем вимоги.",
    "ell": "Με την παρούσα βεβαιώνεται ότι ο κύριος Γεώργιος εργάστηκε στην εταιρεία μας από το 2012 έως το 2020. "
           "Κατά τη διάρκεια της απασχόλησής του ήταν συνεπής και εργατικός. "
           "Η βεβαίωση χορηγείται για κάθε νόμιμη χρήση.",
    "ara": "أشهد أنا الموقع أدناه بأن السيد أحمد يسكن في هذا الحي منذ عشر سنوات. "
           "وهو معروف بحسن السيرة والسلوك بين الجيران. "
           "وقد أعطيت له هذه الشهادة بناء على طلبه لتقديمها إلى الجهات المختصة.",
    "fas": "اینجانب گواهی می‌دهم که خانم مریم از سال گذشته در این خانه زندگی می‌کند. "
           "او هر روز به کلاس زبان می‌رود و در کارهای خانه کمک می‌کند. "
           "این نامه برای ارائه به اداره مهاجرت نوشته شده است.",
    "urd": "میں تصدیق کرتا ہوں کہ علی صاحب پچھلے پانچ سال سے ہمارے محلے میں رہتے ہیں۔ "
           "وہ ایک دکان پر کام کرتے ہیں اور ان کا رویہ ہمیشہ اچھا رہا ہے۔ "
           "یہ خط ان کی درخواست پر لکھا گیا ہے۔",
    "pus": "زه تصدیق کوم چې احمد خان زموږ په کلي کې اوسېږي. "
           "هغه د خپلې کورنۍ سره په کرنه کې کار کوي او ښه سړی دی. "
           "دا لیک د هغه په غوښتنه لیکل شوی دی.",
    "amh": "እኔ ከዚህ በታች የፈረምኩት አቶ ተስፋዬ በዚህ ከተማ ለአምስት ዓመታት መኖሩን አረጋግጣለሁ። "
           "እሱ በአካባቢው ሰዎች ዘንድ የታወቀ እና የተከበረ ሰው ነው። "
           "ይህ ደብዳቤ በጠየቀው መሰረት ተሰጥቶታል።",
    "tir": "ኣነ ኣብ ታሕቲ ዝፈረምኩ ኣቶ ሃብቶም ኣብዛ ከተማ ንሓሙሽተ ዓመታት ከም ዝነበረ የረጋግጽ። "
           "ንሱ ኣብ ከባቢኡ ብጽቡቕ ጠባዩ ዝፍለጥ ሰብ እዩ። "
           "እዛ ደብዳበ ብሕቶኡ መሰረት ተዋሂባቶ ኣላ።",
}
